// The nodes of the drawing as a table of links: the keyboard and screen reader way through the
// graph, with the same "+N" (honest about what was not loaded) and clusters as the drawing.
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { ClusterNode, DrawnNode, Role, View } from '../../lib/graphViews';
import { accessibleName, centresOnClick, clusterLabel, describeNode, moreAction, moreLabel, plural } from '../../lib/graphWords';
import { type GraphNode, type SupplyGraph, byImportance } from '../../lib/supplyGraph';
import { pageOf } from './Summary';

const ROLE_ORDER: Role[] = ['focus', 'impacted', 'dependent', 'service', 'supplier', 'provider', 'beneath'];

interface Props {
  graph: SupplyGraph;
  view: View;
  onPick: (id: string) => void;
  /** Opens or folds a "+N" or a cluster. */
  onToggle: (id: string) => void;
  /** The row the pointer or the keyboard is on (null when none). */
  onPoint: (id: string | null) => void;
}

export default function NodeTable({ graph, view, onPick, onToggle, onPoint }: Props) {
  const drawn = view.nodes.filter((n): n is DrawnNode => n.type === 'node');
  const clusters = view.nodes.filter((n): n is ClusterNode => n.type === 'cluster');
  const rows = [...drawn].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.depth - b.depth || byImportance(a.node, b.node));
  return (
    <Table striped highlightOnHover aria-label="Suppliers and services drawn in the graph">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Name</Table.Th>
          <Table.Th>Rating or criticality</Table.Th>
          <Table.Th>In this view</Table.Th>
          <Table.Th>Explore</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((n) => (
          <Table.Tr key={n.id} onMouseEnter={() => onPoint(n.id)} onMouseLeave={() => onPoint(null)} onFocus={() => onPoint(n.id)}>
            <Table.Td>
              <Anchor component={Link} to={pageOf(n.node)} aria-label={accessibleName(n.node)} fw={n.role === 'focus' ? 700 : undefined}>
                {n.node.name}
              </Anchor>
            </Table.Td>
            <Table.Td>
              <Standing node={n.node} />
            </Table.Td>
            <Table.Td>{describeNode(n, view.mode, graph)}</Table.Td>
            <Table.Td>
              <Group gap="xs" wrap="nowrap">
                {n.role !== 'focus' && (
                  <Button size="compact-xs" variant="default" onClick={() => onPick(n.id)} aria-label={`Centre the graph on ${n.node.name}`}>
                    Centre
                  </Button>
                )}
                {/* A "+?" has nothing loaded to draw: "Centre" is its way further. */}
                {n.expanded ? (
                  <Button size="compact-xs" variant="light" onClick={() => onToggle(n.id)} aria-label={`Fold the suppliers beneath ${n.node.name}`}>
                    Fold
                  </Button>
                ) : (
                  moreLabel(n) &&
                  !centresOnClick(n) && (
                    <Button size="compact-xs" variant="light" onClick={() => onToggle(n.id)} aria-label={moreAction(n)}>
                      {moreLabel(n)}
                    </Button>
                  )
                )}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
        {clusters.map((c) => {
          const of = graph.nodes.get(c.of)!;
          const count = c.partial ? `${c.count.toLocaleString('en')} or more suppliers` : plural(c.count, 'more supplier');
          return (
            <Table.Tr key={c.id} onMouseEnter={() => onPoint(c.id)} onMouseLeave={() => onPoint(null)}>
              <Table.Td>{`${count} of ${of.name}`}</Table.Td>
              <Table.Td>{clusterLabel(c).split('\n')[1]}</Table.Td>
              <Table.Td>grouped: only the riskiest suppliers of each service are drawn one by one</Table.Td>
              <Table.Td>
                <Button
                  size="compact-xs"
                  variant="light"
                  onClick={() => onToggle(c.id)}
                  aria-label={
                    c.partial ? `Draw the ${c.count} more suppliers of ${of.name} that were loaded` : `Draw all ${c.count} more suppliers of ${of.name}`
                  }
                >
                  {c.partial ? `Draw the ${c.count} loaded` : `Draw all ${c.count}`}
                </Button>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function Standing({ node }: { node: GraphNode }) {
  if (node.kind === 'service') return <Text size="sm">criticality {node.criticality ?? 'not set'}</Text>;
  if (!node.rating) return <Text size="sm">not rated</Text>;
  return (
    <Badge variant="light" color={{ low: 'teal', medium: 'yellow', high: 'orange', critical: 'red' }[node.rating]}>
      {node.rating}
    </Badge>
  );
}
