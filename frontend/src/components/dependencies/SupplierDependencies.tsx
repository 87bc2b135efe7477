// A supplier's dependencies: what it relies on (its providers, your fourth parties), who relies
// on it (your services and other suppliers) and the services it reaches through other
// suppliers. Those who may write add a provider or a service that uses it, and change or
// remove each dependency; the page and this section are fetched anew after each change.
import { useState } from 'react';
import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { Loading } from '../../App';
import { endpoint, functionsOf } from '../../lib/dependencies';
import { errorMessage } from '../../lib/errors';
import { DependencyList } from './DependencyList';
import { DependencyModal, type DependencyTask } from './DependencyModal';

const DEPENDENCIES = graphql(`
  query SupplierDependencies($id: UUID!) {
    supplier(id: $id) {
      id
      legalName
      dependsOn {
        ...DependencyFields
      }
      dependents {
        ...DependencyFields
      }
      impactedServices {
        depth
        service {
          id
          name
        }
        path {
          name
        }
      }
    }
  }
`);

interface Props {
  supplierId: string;
  canWrite: boolean;
  /** Called after a change, for the rest of the page (a change can re-score the supplier). */
  changed: () => void;
}

export function SupplierDependencies({ supplierId, canWrite, changed }: Props) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: DEPENDENCIES, variables: { id: supplierId } });
  const [task, setTask] = useState<DependencyTask | null>(null);
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const { supplier } = data;
  const self = { id: supplier.id, name: supplier.legalName, kind: 'supplier' as const };
  const after = () => {
    refetch({ requestPolicy: 'network-only' });
    changed();
  };
  const through = supplier.impactedServices.filter((s) => s.depth > 1);

  const addProvider = () =>
    setTask({
      kind: 'add',
      title: `Add a provider (fourth party) to ${supplier.legalName}`,
      fixed: self,
      pick: 'provider',
      pickKind: 'supplier',
      pickLabel: `Supplier ${supplier.legalName} relies on`,
      unavailable: new Map([[supplier.id, 'this supplier'], ...supplier.dependsOn.map((d) => [endpoint(d.provider).id, 'already recorded'] as const)]),
      functions: functionsOf(supplier.dependsOn),
    });
  const addService = () =>
    setTask({
      kind: 'add',
      title: `A service that uses ${supplier.legalName}`,
      fixed: self,
      pick: 'dependent',
      pickKind: 'service',
      pickLabel: 'Service',
      unavailable: new Map(supplier.dependents.map((d) => [endpoint(d.dependent).id, 'already recorded'] as const)),
      functions: functionsOf(supplier.dependents),
    });

  return (
    <Stack>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            What it relies on: its providers, your fourth parties
          </Title>
          {canWrite && (
            <Button size="xs" onClick={addProvider}>
              Add a provider (fourth party)
            </Button>
          )}
        </Group>
        <DependencyList
          rows={supplier.dependsOn}
          show="provider"
          label={`Providers ${supplier.legalName} relies on`}
          heading="Provider"
          empty="No fourth party recorded."
          canWrite={canWrite}
          changed={after}
        />
      </Card>
      <Card withBorder>
        <Group justify="space-between" mb="xs">
          <Title order={3} size="h5">
            Who relies on it directly
          </Title>
          {canWrite && (
            <Button size="xs" onClick={addService}>
              Used by a service
            </Button>
          )}
        </Group>
        <DependencyList
          rows={supplier.dependents}
          show="dependent"
          label={`Services and suppliers that rely on ${supplier.legalName}`}
          heading="Service or supplier"
          empty="No service or supplier relies on it directly."
          canWrite={canWrite}
          changed={after}
        />
      </Card>
      {through.length > 0 && (
        <Card withBorder>
          <Title order={3} size="h5" mb="xs">
            Services that reach it through other suppliers
          </Title>
          <List size="sm" spacing={2}>
            {through.map((s) => (
              <List.Item key={s.path.map((p) => p.name).join('>')}>
                {s.service ? (
                  <Anchor component={Link} to={`/services/${s.service.id}`} size="sm">
                    {s.service.name}
                  </Anchor>
                ) : null}{' '}
                <Text span size="sm" c="dimmed">
                  through{' '}
                  {s.path
                    .slice(1, -1)
                    .map((p) => p.name)
                    .join(' → ')}
                </Text>
              </List.Item>
            ))}
          </List>
        </Card>
      )}
      {task && (
        <DependencyModal
          task={task}
          onClose={() => setTask(null)}
          onDone={() => {
            setTask(null);
            after();
          }}
        />
      )}
    </Stack>
  );
}
