// Dependencies as a table: the supplier or service at the other end, the function it serves,
// what it provides and whether it is a marked alternative; those who may write change or
// remove each one (a removal asks first, saying what it means).
import { useState } from 'react';
import { Anchor, Badge, Button, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link } from 'react-router-dom';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { type DependencyRow, endpoint, endpointPath, functionsOf, removalSentence, sentence, sortDependencies } from '../../lib/dependencies';
import { errorMessage } from '../../lib/errors';
import { ConfirmModal } from './ConfirmModal';
import { DependencyModal } from './DependencyModal';

const REMOVE = graphql(`
  mutation RemoveDependency($id: UUID!) {
    removeDependency(id: $id)
  }
`);

interface Props {
  rows: readonly DependencyRow[];
  /** Which end of each dependency the list names: the providers of one node, or its dependents. */
  show: 'provider' | 'dependent';
  /** The accessible name of the table. */
  label: string;
  heading: string;
  empty: string;
  canWrite: boolean;
  changed: () => void;
  /** Dependencies that are single points of failure, by id. */
  singlePoints?: ReadonlySet<string>;
}

/** "Passcairn Identity AB on Stratoforge Cloud B.V.": a dependency named in buttons. */
const named = (d: DependencyRow) => `${endpoint(d.dependent).name} on ${endpoint(d.provider).name}`;

export function DependencyList({ rows, show, label, heading, empty, canWrite, changed, singlePoints }: Props) {
  const [changing, setChanging] = useState<DependencyRow | null>(null);
  const [removing, setRemoving] = useState<DependencyRow | null>(null);
  const [removed, remove] = useMutation(REMOVE);

  const confirmRemoval = async () => {
    if (!removing) return;
    const result = await remove({ id: removing.id });
    if (result.error) return;
    notifications.show({ color: 'teal', title: 'Dependency removed', message: sentence(`No longer recorded: ${named(removing)}`) });
    setRemoving(null);
    changed();
  };

  if (!rows.length)
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  return (
    <>
      <Table.ScrollContainer minWidth={640}>
        <Table aria-label={label} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{heading}</Table.Th>
              <Table.Th miw={200}>Function</Table.Th>
              <Table.Th>What it provides</Table.Th>
              <Table.Th>Alternative</Table.Th>
              {canWrite && (
                <Table.Th>
                  <VisuallyHidden>Actions</VisuallyHidden>
                </Table.Th>
              )}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sortDependencies(rows, show).map((d) => {
              const other = endpoint(show === 'provider' ? d.provider : d.dependent);
              return (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={endpointPath(other)} size="sm">
                      {other.name}
                    </Anchor>
                    {other.kind === 'service' && (
                      <Badge size="xs" variant="light" ml={6}>
                        service
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={d.function ? undefined : 'dimmed'}>
                      {d.function ?? 'not named'}
                    </Text>
                    {singlePoints?.has(d.id) && (
                      <Badge size="xs" color="orange" variant="light">
                        single point of failure
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.description}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.alternative ? 'yes, fallback' : 'no'}</Text>
                  </Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap={4} wrap="nowrap" justify="end">
                        <Button size="compact-xs" variant="subtle" aria-label={`Change the dependency of ${named(d)}`} onClick={() => setChanging(d)}>
                          Change
                        </Button>
                        <Button
                          size="compact-xs"
                          variant="subtle"
                          color="red"
                          aria-label={`Remove the dependency of ${named(d)}`}
                          onClick={() => setRemoving(d)}
                        >
                          Remove
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {changing && (
        <DependencyModal
          task={{ kind: 'change', dependency: changing, functions: functionsOf(rows) }}
          onClose={() => setChanging(null)}
          onDone={() => {
            setChanging(null);
            changed();
          }}
        />
      )}
      <ConfirmModal
        opened={removing !== null}
        title="Remove the dependency?"
        body={removing ? removalSentence(removing) : ''}
        confirm="Remove"
        busy={removed.fetching}
        problem={removed.error && removed.operation?.variables.id === removing?.id ? errorMessage(removed.error) : null}
        onConfirm={confirmRemoval}
        onClose={() => setRemoving(null)}
      />
    </>
  );
}
