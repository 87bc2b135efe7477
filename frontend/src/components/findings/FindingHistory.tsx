// A finding's history from the audit log, newest first: who did what, and what changed.
import { useEffect } from 'react';
import { Card, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { actionLabel, changeLines } from '../../lib/audit';
import { errorMessage } from '../../lib/errors';

const HISTORY = graphql(`
  query FindingHistory($id: UUID!) {
    auditEvents(filter: { objectId: $id }, first: 100) {
      totalCount
      nodes {
        id
        action
        actorLabel
        changes
        createdAt
      }
    }
  }
`);

/** `revision` changes whenever the page changed the finding, so the history reads again. */
export function FindingHistory({ findingId, revision }: { findingId: string; revision: number }) {
  const [{ data, error }, refetch] = useQuery({ query: HISTORY, variables: { id: findingId }, requestPolicy: 'cache-and-network' });
  useEffect(() => {
    if (revision > 0) refetch({ requestPolicy: 'network-only' });
  }, [revision, refetch]);
  const events = data?.auditEvents.nodes ?? [];
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          History
        </Title>
        {error && (
          <Text c="red" size="sm" role="alert">
            {errorMessage(error)}
          </Text>
        )}
        <Table aria-label="History of the finding" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{new Date(e.createdAt).toLocaleString()}</Table.Td>
                <Table.Td>{e.actorLabel}</Table.Td>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {actionLabel(e.action)}
                  </Text>
                  {changeLines(e.changes).map((line) => (
                    <Text size="xs" c="dimmed" key={line}>
                      {line}
                    </Text>
                  ))}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Stack>
    </Card>
  );
}
