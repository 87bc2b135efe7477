// The service page's own dependencies: the suppliers it relies on directly (with the single
// points of failure among them) and the services that rely on it, each changeable by those
// who may write, and a supplier added by searching the register.
import { useState } from 'react';
import { Button, Card, Group, Stack, Title } from '@mantine/core';
import { type DependencyRow, endpoint, functionsOf, singlePoints } from '../../lib/dependencies';
import { DependencyList } from './DependencyList';
import { DependencyModal } from './DependencyModal';

interface Props {
  service: { id: string; name: string; criticality: number; nis2Critical: boolean; dependsOn: DependencyRow[]; dependents: DependencyRow[] };
  canWrite: boolean;
  changed: () => void;
}

export function ServiceDependencies({ service, canWrite, changed }: Props) {
  const [adding, setAdding] = useState(false);
  const recorded = new Map(service.dependsOn.map((d) => [endpoint(d.provider).id, 'already recorded']));
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Direct suppliers
          </Title>
          {canWrite && (
            <Button size="xs" onClick={() => setAdding(true)}>
              Add a supplier
            </Button>
          )}
        </Group>
        <DependencyList
          rows={service.dependsOn}
          show="provider"
          label={`Suppliers ${service.name} relies on directly`}
          heading="Supplier"
          empty="No supplier recorded yet."
          canWrite={canWrite}
          changed={changed}
          singlePoints={singlePoints(service, service.dependsOn)}
        />
        {service.dependents.length > 0 && (
          <>
            <Title order={3} size="h5">
              Services that rely on {service.name}
            </Title>
            <DependencyList
              rows={service.dependents}
              show="dependent"
              label={`Services that rely on ${service.name}`}
              heading="Service"
              empty=""
              canWrite={canWrite}
              changed={changed}
            />
          </>
        )}
      </Stack>
      {adding && (
        <DependencyModal
          task={{
            kind: 'add',
            title: `Add a supplier to ${service.name}`,
            fixed: { id: service.id, name: service.name, kind: 'service' },
            pick: 'provider',
            pickKind: 'supplier',
            pickLabel: 'Supplier',
            unavailable: recorded,
            functions: functionsOf(service.dependsOn),
          }}
          onClose={() => setAdding(false)}
          onDone={() => {
            setAdding(false);
            changed();
          }}
        />
      )}
    </Card>
  );
}
