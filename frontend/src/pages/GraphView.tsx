// The dependency graph, as neighbourhoods rather than one tangle: the whole graph is loaded once
// and kept in maps (src/lib/supplyGraph.ts); what is drawn is a bounded view of it. Without a
// pick: services and the suppliers they use directly. Pick a supplier: every service that
// depends on it, also through fourth parties, with the paths highlighted, and what it depends
// on. Pick a service: its supply chain. The table below the drawing lists the same nodes as
// links, for the keyboard and screen readers.
import { useCallback, useMemo, useState } from 'react';
import { Anchor, Badge, Button, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import {
  BUDGET,
  type ClusterNode,
  type DrawnNode,
  type GraphEdge,
  type GraphNode,
  type Role,
  type SupplyGraph,
  type View,
  accessibleName,
  buildGraph,
  byImportance,
  clusterLabel,
  describeNode,
  viewOf,
} from '../lib/supplyGraph';
import GraphCanvas, { type CanvasAction } from './graph/GraphCanvas';
import { RATING_COLOURS, SERVICE_COLOUR, UNRATED_COLOUR } from './graph/colours';
import classes from './GraphView.module.css';

const GRAPH = graphql(`
  query SupplyChainGraph {
    supplyChainGraph(format: JSON) {
      content
    }
  }
`);

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
const pageOf = (n: GraphNode) => (n.kind === 'service' ? `/services/${n.id}` : `/suppliers/${n.id}`);

export default function GraphView() {
  const [{ data, fetching, error }] = useQuery({ query: GRAPH });
  const graph = useMemo(() => (data ? buildGraph(JSON.parse(data.supplyChainGraph.content) as { nodes: GraphNode[]; edges: GraphEdge[] }) : null), [data]);
  const [params, setParams] = useSearchParams();
  const focus = params.get('focus');
  const pick = useCallback((id: string | null) => setParams(id ? { focus: id } : {}), [setParams]);
  // Services first (most critical first), then suppliers by name: searched in the browser, at
  // most `limit` shown at a time, so 10,000 options stay quick.
  const options = useMemo(
    () =>
      graph
        ? [...graph.services, ...[...graph.nodes.values()].filter((n) => n.kind === 'supplier').sort((a, b) => a.name.localeCompare(b.name))].map((n) => ({
            value: n.id,
            label: n.name,
          }))
        : [],
    [graph],
  );

  if (!graph)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const focused = focus ? (graph.nodes.get(focus) ?? null) : null;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          Dependency graph
        </Title>
        <Group gap="xs" align="flex-end">
          <Select
            label="Find a supplier or service"
            placeholder={`Search ${count(graph.nodes.size, 'name')}`}
            searchable
            clearable
            clearButtonProps={{ 'aria-label': 'Clear the search' }}
            limit={30}
            w={340}
            data={options}
            value={focused?.id ?? null}
            onChange={pick}
            nothingFoundMessage="No supplier or service of that name"
            renderOption={({ option }) => {
              const n = graph.nodes.get(option.value)!;
              return (
                <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
                  <Text size="sm">{n.name}</Text>
                  <Text size="xs" c="dimmed">
                    {n.kind === 'service' ? 'service' : (n.rating ?? 'not rated')}
                  </Text>
                </Group>
              );
            }}
          />
          {focused && (
            <Button variant="default" onClick={() => pick(null)}>
              Back to the overview
            </Button>
          )}
        </Group>
      </Group>
      {/* A new pick starts with nothing expanded. */}
      <Neighbourhood key={focused?.id ?? ''} graph={graph} focus={focused} onPick={pick} />
    </Stack>
  );
}

const ROLE_ORDER: Role[] = ['focus', 'impacted', 'dependent', 'service', 'supplier', 'provider', 'beneath'];

function Neighbourhood({ graph, focus, onPick }: { graph: SupplyGraph; focus: GraphNode | null; onPick: (id: string) => void }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [pointed, setPointed] = useState<string | null>(null);
  const navigate = useNavigate();
  const view = useMemo(() => viewOf(graph, focus?.id ?? null, { expanded }), [graph, focus, expanded]);
  const drawn = view.nodes.filter((n): n is DrawnNode => n.type === 'node');
  const clusters = view.nodes.filter((n): n is ClusterNode => n.type === 'cluster');
  const full = view.nodes.length >= BUDGET;

  /** Opens or closes a "+N" or a cluster; when the drawing is full, a "+N" moves the focus to
   * that supplier instead (its own view has room for its chain). */
  const toggle = useCallback(
    (id: string) => {
      if (full && !expanded.has(id) && graph.nodes.has(id)) return onPick(id);
      const next = new Set(expanded);
      if (!next.delete(id)) next.add(id);
      setExpanded(next);
    },
    [expanded, full, graph, onPick],
  );
  const onAction = useCallback(
    (action: CanvasAction) => {
      if ('toggle' in action) toggle(action.toggle);
      else navigate(pageOf(graph.nodes.get(action.open)!));
    },
    [graph, navigate, toggle],
  );

  const services = drawn.filter((n) => n.node.kind === 'service').length;
  const label = `Dependency graph${focus ? ` around ${focus.name}` : ''}: ${count(services, 'service')}, ${count(drawn.length - services, 'supplier')} and ${count(view.edges.length, 'dependency', 'dependencies')} drawn${clusters.length ? `, ${count(clusters.length, 'group')} of further suppliers` : ''}. The same nodes are listed in the table below.`;
  const rows = [...drawn].sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.depth - b.depth || byImportance(a.node, b.node));

  return (
    <>
      <Summary graph={graph} view={view} focus={focus} />
      <Card withBorder p={0}>
        <GraphCanvas graph={graph} view={view} label={label} onAction={onAction} pointed={pointed} />
      </Card>
      <Legend supplierView={view.mode === 'supplier'} />
      {view.mode === 'supplier' && focus && <Impacted view={view} focus={focus} />}
      <Title order={2} size="h4">
        Drawn in the graph ({drawn.length.toLocaleString('en')})
      </Title>
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
            <Table.Tr key={n.id} onMouseEnter={() => setPointed(n.id)} onMouseLeave={() => setPointed(null)} onFocus={() => setPointed(n.id)}>
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
                  {(n.hidden > 0 || n.expanded) && (
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() => toggle(n.id)}
                      aria-label={
                        n.expanded
                          ? `Fold the suppliers beneath ${n.node.name}`
                          : `+${n.hidden}: draw the ${count(n.hidden, 'supplier')} beneath ${n.node.name}`
                      }
                    >
                      {n.expanded ? 'Fold' : `+${n.hidden.toLocaleString('en')}`}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
          {clusters.map((c) => {
            const of = graph.nodes.get(c.of)!;
            return (
              <Table.Tr key={c.id} onMouseEnter={() => setPointed(c.id)} onMouseLeave={() => setPointed(null)}>
                <Table.Td>{`${count(c.count, 'more supplier')} of ${of.name}`}</Table.Td>
                <Table.Td>{clusterLabel(c).split('\n')[1]}</Table.Td>
                <Table.Td>grouped: only the riskiest suppliers of each service are drawn one by one</Table.Td>
                <Table.Td>
                  <Button size="compact-xs" variant="light" onClick={() => toggle(c.id)} aria-label={`Draw all ${c.count} more suppliers of ${of.name}`}>
                    Draw all {c.count}
                  </Button>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      {expanded.size > 0 && (
        <Group>
          <Button variant="default" size="xs" onClick={() => setExpanded(new Set())}>
            Fold everything again
          </Button>
        </Group>
      )}
    </>
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

function Summary({ graph, view, focus }: { graph: SupplyGraph; view: View; focus: GraphNode | null }) {
  const left = view.left
    ? ` ${count(view.left, 'more node')} of this neighbourhood ${view.left === 1 ? 'is' : 'are'} not drawn, to keep the drawing readable: centre the graph on one of the nodes at its edge to go further.`
    : '';
  if (view.mode === 'overview') {
    return (
      <Text size="sm">
        {count(graph.services.length, 'service')} and the suppliers they use directly; fourth parties are folded into a “+N” beside their supplier, and a
        service with many suppliers shows its riskiest ones and groups the rest.{' '}
        <strong>
          {count(graph.unlinked, 'supplier')} of {graph.supplierCount.toLocaleString('en')} {graph.unlinked === 1 ? 'is' : 'are'} not linked to any service
        </strong>{' '}
        ({graph.isolated.toLocaleString('en')} without any dependency at all) and not drawn: find one by name to see its own neighbourhood.{left}
      </Text>
    );
  }
  if (view.mode === 'service' && focus) {
    const chain = view.nodes.length - 1 + view.left;
    return (
      <Text size="sm">
        The supply chain of <strong>{focus.name}</strong> (criticality {focus.criticality ?? 'not set'}): {count(chain, 'supplier')} beneath it, nearest on the
        left.{left}
      </Text>
    );
  }
  const direct = view.impacted.filter((i) => i.depth === 1).length;
  return (
    <Text size="sm">
      <strong>{accessibleName(focus!)}</strong>:{' '}
      {view.impacted.length
        ? `${count(view.impacted.length, 'service')} ${view.impacted.length === 1 ? 'depends' : 'depend'} on it, ${direct} directly and ${view.impacted.length - direct} through other suppliers (highlighted in orange).`
        : 'no service depends on it, directly or through other suppliers.'}
      {left}
    </Text>
  );
}

function Impacted({ view, focus }: { view: View; focus: GraphNode }) {
  if (!view.impacted.length) return null;
  return (
    <>
      <Title order={2} size="h4">
        Services that depend on {focus.name} ({view.impacted.length.toLocaleString('en')})
      </Title>
      <Table aria-label={`Services that depend on ${focus.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Criticality</Table.Th>
            <Table.Th>How</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.impacted.map((i) => (
            <Table.Tr key={i.service.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={pageOf(i.service)}>
                  {i.service.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{i.service.criticality ?? 'not set'}</Table.Td>
              <Table.Td>{i.depth === 1 ? 'directly' : i.path.map((n) => n.name).join(' → ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

function Legend({ supplierView }: { supplierView: boolean }) {
  const swatch = (colour: string, text: string, dashed = false) => (
    <Group gap={4} key={text} wrap="nowrap">
      <span className={classes.swatch} style={{ background: colour, borderStyle: dashed ? 'dashed' : 'solid' }} aria-hidden />
      <Text size="xs">{text}</Text>
    </Group>
  );
  return (
    <Group gap="md" aria-label="Legend" role="group">
      {Object.entries(RATING_COLOURS).map(([rating, colour]) => swatch(colour, `rated ${rating}`))}
      {swatch(UNRATED_COLOUR, 'not rated')}
      {swatch(SERVICE_COLOUR, 'your service: bigger and framed thicker the more critical (1-5)')}
      {swatch('#ffffff', '+N: suppliers beneath, folded (click to draw)', true)}
      {supplierView && swatch('#e8590c', 'path from a service to the supplier you picked')}
      <Text size="xs" c="dimmed">
        Arrows point from what depends to what it depends on. Click a node to open it; Ctrl and the mouse wheel zoom, dragging moves.
      </Text>
    </Group>
  );
}
