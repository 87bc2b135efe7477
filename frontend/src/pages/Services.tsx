// The organisation's own services, each with what it inherits from its supply chain, and the
// single points of failure of the critical ones; those who may write register new services.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import { ratingColor } from '../lib/score';
import { criticalityWords } from '../lib/dependencies';
import { usePermissions } from '../auth/permissions';
import { ServiceModal } from '../components/dependencies/ServiceModal';

const SERVICES = graphql(`
  query Services {
    services(first: 200) {
      nodes {
        id
        name
        criticality
        nis2Critical
        exposure {
          suppliers
          findings {
            open
            overdue
            accepted
          }
          worstResidualRisk {
            residualRisk
            rating
            supplier {
              id
              legalName
            }
          }
        }
      }
    }
    portfolio {
      singlePointsOfFailure {
        function
        service {
          id
          name
        }
        supplier {
          id
          legalName
        }
      }
    }
  }
`);

export default function Services() {
  const [{ data, fetching, error }] = useQuery({ query: SERVICES });
  const [creating, setCreating] = useState(false);
  const { canWrite } = usePermissions();
  const navigate = useNavigate();
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const services = [...data.services.nodes].sort((a, b) => b.criticality - a.criticality || a.name.localeCompare(b.name));
  const spof = data.portfolio.singlePointsOfFailure;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Services
        </Title>
        {canWrite && (
          <Button size="xs" onClick={() => setCreating(true)}>
            New service
          </Button>
        )}
      </Group>
      {creating && <ServiceModal onClose={() => setCreating(false)} onSaved={(id) => navigate(`/services/${id}`)} />}
      {spof.length > 0 && (
        <Alert color="orange" title={`${spof.length} single point(s) of failure`}>
          <Stack gap={2}>
            {spof.map((p) => (
              <Text size="sm" key={`${p.service?.id}-${p.function}`}>
                {p.service?.name} relies on{' '}
                {p.supplier ? (
                  <Anchor component={Link} to={`/suppliers/${p.supplier.id}`}>
                    {p.supplier.legalName}
                  </Anchor>
                ) : (
                  'one supplier'
                )}{' '}
                alone for {p.function}.
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      <Card withBorder p={0}>
        <Table striped highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Service</Table.Th>
              <Table.Th>Criticality</Table.Th>
              <Table.Th>Suppliers beneath</Table.Th>
              <Table.Th>Open findings</Table.Th>
              <Table.Th>Overdue</Table.Th>
              <Table.Th>Accepted risks</Table.Th>
              <Table.Th>Worst residual risk</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {services.map((s) => {
              const worst = s.exposure.worstResidualRisk;
              return (
                <Table.Tr key={s.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/services/${s.id}`}>
                      {s.name}
                    </Anchor>{' '}
                    {s.nis2Critical && (
                      <Badge size="xs" variant="light">
                        NIS 2 critical
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{criticalityWords(s.criticality)}</Table.Td>
                  <Table.Td>{s.exposure.suppliers}</Table.Td>
                  <Table.Td>{s.exposure.findings.open}</Table.Td>
                  <Table.Td c={s.exposure.findings.overdue ? 'red' : undefined}>{s.exposure.findings.overdue}</Table.Td>
                  <Table.Td>{s.exposure.findings.accepted}</Table.Td>
                  <Table.Td>
                    {worst ? (
                      <Group gap={4} wrap="nowrap">
                        <Badge color={ratingColor(worst.rating)} variant="light">
                          {worst.residualRisk.toFixed(1)}
                        </Badge>
                        <Text size="sm">{worst.supplier?.legalName}</Text>
                      </Group>
                    ) : (
                      <Text size="sm" c="dimmed">
                        none rated
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Card>
    </Stack>
  );
}
