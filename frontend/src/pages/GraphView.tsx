// The dependency graph, as neighbourhoods rather than one tangle. The page never downloads the
// whole graph: it asks the server for the portion to draw (`supplyChainNeighbourhood`): without
// a pick, the services and what lies beneath them; pick a supplier (?focus=): every service
// that depends on it, also through fourth parties, with the paths highlighted, and what it
// depends on; pick a service: its supply chain. On a large register the server cuts the
// portion at a depth, and the page says so, and marks the counts that may be higher
// (src/lib/graphWords.ts). What is drawn is a bounded view of the portion
// (src/lib/graphViews.ts). The table below the drawing lists the same nodes as links, for the
// keyboard and screen readers; the search finds any supplier or service of the register.
import { useCallback, useMemo, useState } from 'react';
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import { BUDGET, type DrawnNode, type View, viewOf } from '../lib/graphViews';
import { centresOnClick, moreLabel, plural } from '../lib/graphWords';
import { type GraphNode, type SupplyGraph, fromPortion } from '../lib/supplyGraph';
import GraphCanvas, { type CanvasAction } from './graph/GraphCanvas';
import NodeSearch from './graph/NodeSearch';
import NodeTable from './graph/NodeTable';
import { Impacted, Legend, Summary, pageOf } from './graph/Summary';

// `maxNodes` is left to the server (2000 unless asked); the browser test asks for less to see
// a portion cut short.
const PORTION = graphql(`
  query SupplyChainNeighbourhood($focus: UUID, $maxNodes: Int) {
    supplyChainNeighbourhood(focus: $focus, maxNodes: $maxNodes) {
      nodes {
        id
        kind
        name
        criticality
        rating
      }
      edges {
        dependent
        provider
      }
      complete
      depth
      leftOut
      supplierCount
      unlinked
      isolated
    }
  }
`);

export default function GraphView() {
  const [params, setParams] = useSearchParams();
  const focus = params.get('focus');
  const pick = useCallback((id: string | null) => setParams(id ? { focus: id } : {}), [setParams]);
  const [{ data, error, operation }] = useQuery({ query: PORTION, variables: { focus } });
  // The answer for this focus, not the one before it while the next loads.
  const answer = data && (operation?.variables.focus ?? null) === focus ? data.supplyChainNeighbourhood : null;
  const graph = useMemo(() => (answer ? fromPortion(answer, focus) : null), [answer, focus]);
  const focused = focus && graph ? (graph.nodes.get(focus) ?? null) : null;

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={1} size="h2">
          Dependency graph
        </Title>
        <Group gap="xs" align="flex-end">
          <NodeSearch value={focused} onPick={pick} supplierCount={graph?.loaded.supplierCount} />
          {focus && (
            <Button variant="default" onClick={() => pick(null)}>
              Back to the overview
            </Button>
          )}
        </Group>
      </Group>
      {graph ? (
        // A new pick starts with nothing expanded.
        <Neighbourhood key={focused?.id ?? ''} graph={graph} focus={focused} onPick={pick} />
      ) : error ? (
        <Text c="red" role="alert">
          {errorMessage(error)}
        </Text>
      ) : (
        <Loading />
      )}
    </Stack>
  );
}

function Neighbourhood({ graph, focus, onPick }: { graph: SupplyGraph; focus: GraphNode | null; onPick: (id: string) => void }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [pointed, setPointed] = useState<string | null>(null);
  const navigate = useNavigate();
  const view = useMemo(() => viewOf(graph, focus?.id ?? null, { expanded }), [graph, focus, expanded]);
  const drawn = useMemo(() => view.nodes.filter((n): n is DrawnNode => n.type === 'node'), [view]);
  const full = view.nodes.length >= BUDGET;

  /** Opens or closes a "+N" or a cluster. A "+?" (nothing loaded left to draw beneath it), or
   * a "+N" when the drawing is full, moves the focus to that supplier instead: its own view
   * loads and has room for its chain. */
  const toggle = useCallback(
    (id: string) => {
      const node = drawn.find((n) => n.id === id);
      if (node && !node.expanded && (centresOnClick(node) || full)) return onPick(id);
      const next = new Set(expanded);
      if (!next.delete(id)) next.add(id);
      setExpanded(next);
    },
    [drawn, expanded, full, onPick],
  );
  const onAction = useCallback(
    (action: CanvasAction) => {
      if ('toggle' in action) toggle(action.toggle);
      else navigate(pageOf(graph.nodes.get(action.open)!));
    },
    [graph, navigate, toggle],
  );

  return (
    <>
      <Summary graph={graph} view={view} focus={focus} />
      <Card withBorder p={0}>
        <GraphCanvas graph={graph} view={view} label={canvasLabel(view, drawn, focus)} onAction={onAction} pointed={pointed} />
      </Card>
      <Legend
        supplierView={view.mode === 'supplier'}
        beyond={drawn.some((n) => n.partial && moreLabel(n)) || view.nodes.some((n) => n.type === 'cluster' && n.partial)}
      />
      {view.mode === 'supplier' && focus && <Impacted graph={graph} view={view} focus={focus} />}
      <Title order={2} size="h4">
        Drawn in the graph ({drawn.length.toLocaleString('en')})
      </Title>
      <NodeTable graph={graph} view={view} onPick={onPick} onToggle={toggle} onPoint={setPointed} />
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

/** The accessible summary of the drawing. */
function canvasLabel(view: View, drawn: DrawnNode[], focus: GraphNode | null): string {
  const services = drawn.filter((n) => n.node.kind === 'service').length;
  const clusters = view.nodes.length - drawn.length;
  return `Dependency graph${focus ? ` around ${focus.name}` : ''}: ${plural(services, 'service')}, ${plural(drawn.length - services, 'supplier')} and ${plural(view.edges.length, 'dependency', 'dependencies')} drawn${clusters ? `, ${plural(clusters, 'group')} of further suppliers` : ''}. The same nodes are listed in the table below.`;
}
