// One service and its supply chain: its direct suppliers (each dependency with its function,
// changed, removed or added by those who may write), every supplier and fourth party beneath it
// with the path, rating, residual risk and findings, and what it inherits from them.
import { Anchor, Badge, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import { ratingColor } from '../lib/score';
import { words } from '../lib/format';
import { criticalityWords } from '../lib/dependencies';
import { usePermissions } from '../auth/permissions';
import { ServiceActions } from '../components/dependencies/ServiceActions';
import { ServiceDependencies } from '../components/dependencies/ServiceDependencies';

const SERVICE = graphql(`
  query ServicePage($id: UUID!) {
    service(id: $id) {
      id
      name
      description
      criticality
      nis2Critical
      dependsOn {
        ...DependencyFields
      }
      dependents {
        ...DependencyFields
      }
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
          path {
            name
          }
        }
      }
      supplyChain(maxDepth: 20) {
        depth
        rating
        residualRisk
        openFindings
        overdueFindings
        supplier {
          id
          legalName
        }
        path {
          name
        }
      }
    }
  }
`);

export default function ServicePage() {
  const { id = '' } = useParams();
  const [{ data, fetching, error }, refetch] = useQuery({ query: SERVICE, variables: { id } });
  const { canWrite } = usePermissions();
  if (!data)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const { service } = data;
  const { findings, worstResidualRisk: worst } = service.exposure;
  const changed = () => refetch({ requestPolicy: 'network-only' });
  return (
    <Stack>
      <Group justify="space-between" align="start">
        <div>
          <Title order={1} size="h2">
            {service.name}
          </Title>
          <Text c="dimmed">
            Criticality {criticalityWords(service.criticality)}
            {service.nis2Critical ? ' · NIS 2 critical service' : ''}
            {service.description ? ` · ${service.description}` : ''}
          </Text>
        </div>
        {canWrite && <ServiceActions service={service} changed={changed} />}
      </Group>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        <Card withBorder>
          <Text size="xl" fw={700}>
            {service.exposure.suppliers}
          </Text>
          <Text size="sm" c="dimmed">
            suppliers beneath
          </Text>
        </Card>
        <Card withBorder>
          <Anchor component={Link} to={`/findings?serviceId=${service.id}`} underline="never">
            <Text size="xl" fw={700}>
              {findings.open}
            </Text>
            <Text size="sm">inherited open findings</Text>
          </Anchor>
        </Card>
        <Card withBorder>
          <Text size="xl" fw={700} c={findings.overdue ? 'red' : undefined}>
            {findings.overdue}
          </Text>
          <Text size="sm" c="dimmed">
            overdue
          </Text>
        </Card>
        <Card withBorder>
          <Text size="xl" fw={700}>
            {findings.accepted}
          </Text>
          <Text size="sm" c="dimmed">
            accepted risks
          </Text>
        </Card>
      </SimpleGrid>
      {worst && (
        <Card withBorder>
          <Text size="sm">
            Worst residual risk beneath: <Badge color={ratingColor(worst.rating)}>{worst.residualRisk.toFixed(1)}/5</Badge> through{' '}
            {worst.path.map((p) => p.name).join(' → ')}
          </Text>
        </Card>
      )}
      <ServiceDependencies service={service} canWrite={canWrite} changed={changed} />
      <Title order={2} size="h4">
        Every supplier beneath
      </Title>
      {service.supplyChain.length === 0 && (
        <Text size="sm" c="dimmed">
          No supplier beneath yet.
        </Text>
      )}
      {service.supplyChain.length > 0 && (
        <Card withBorder p={0}>
          <Table striped aria-label={`Every supplier beneath ${service.name}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Supplier</Table.Th>
                <Table.Th>Level</Table.Th>
                <Table.Th>Path</Table.Th>
                <Table.Th miw={100}>Rating</Table.Th>
                <Table.Th>Residual risk</Table.Th>
                <Table.Th>Open</Table.Th>
                <Table.Th>Overdue</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {service.supplyChain.map((entry) => (
                <Table.Tr key={entry.path.map((p) => p.name).join('>')}>
                  <Table.Td>
                    {entry.supplier && (
                      <Anchor component={Link} to={`/suppliers/${entry.supplier.id}`}>
                        {entry.supplier.legalName}
                      </Anchor>
                    )}
                  </Table.Td>
                  <Table.Td>{entry.depth === 1 ? 'direct' : `level ${entry.depth}`}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{entry.path.map((p) => p.name).join(' → ')}</Text>
                  </Table.Td>
                  <Table.Td>
                    {entry.rating ? (
                      <Badge color={ratingColor(entry.rating)} variant="light">
                        {words(entry.rating)}
                      </Badge>
                    ) : (
                      <Text size="sm" c="dimmed">
                        not rated
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{entry.residualRisk?.toFixed(1) ?? ''}</Table.Td>
                  <Table.Td>{entry.openFindings}</Table.Td>
                  <Table.Td c={entry.overdueFindings ? 'red' : undefined}>{entry.overdueFindings}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Card>
      )}
    </Stack>
  );
}
