// The dependency graph: services on the left, suppliers and fourth parties to the right by
// distance, coloured by rating. Wheel or buttons zoom, dragging pans, a click opens the
// supplier or service; focus on one service to see only its supply chain.
import { useMemo, useRef, useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { useNavigate } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { Loading } from '../App';
import { errorMessage } from '../lib/errors';
import { type GraphEdge, type GraphNode, ROW, beneath, layout } from '../lib/graphLayout';
import classes from './GraphView.module.css';

const GRAPH = graphql(`
  query SupplyChainGraph {
    supplyChainGraph(format: JSON) {
      content
    }
  }
`);
const FILL: Record<string, string> = { low: '#12b886', medium: '#fab005', high: '#fd7e14', critical: '#e03131' };
const NODE_WIDTH = 220;

export default function GraphView() {
  const [{ data, fetching, error }] = useQuery({ query: GRAPH });
  const [focus, setFocus] = useState<string | null>(null);
  const [view, setView] = useState({ x: -20, y: -20, scale: 1 });
  const drag = useRef<{ x: number; y: number } | null>(null);
  // A drag that moved is a pan, not a click on the node it started on.
  const moved = useRef(0);
  const navigate = useNavigate();
  const graph = useMemo(() => {
    if (!data) return null;
    const parsed = JSON.parse(data.supplyChainGraph.content) as { nodes: GraphNode[]; edges: GraphEdge[] };
    const keep = focus ? beneath(focus, parsed.edges) : null;
    const nodes = keep ? parsed.nodes.filter((n) => keep.has(n.id)) : parsed.nodes;
    const edges = keep ? parsed.edges.filter((e) => keep.has(e.dependent) && keep.has(e.provider)) : parsed.edges;
    return { services: parsed.nodes.filter((n) => n.kind === 'service'), edges, ...layout(nodes, edges) };
  }, [data, focus]);
  if (!graph)
    return fetching ? (
      <Loading />
    ) : (
      <Text c="red" role="alert">
        {errorMessage(error)}
      </Text>
    );
  const at = new Map(graph.nodes.map((n) => [n.id, n]));
  const zoom = (factor: number) => setView((v) => ({ ...v, scale: Math.min(3, Math.max(0.2, v.scale * factor)) }));
  const open = (n: GraphNode) => navigate(n.kind === 'service' ? `/services/${n.id}` : `/suppliers/${n.id}`);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Dependency graph
        </Title>
        <Group gap="xs">
          <Select
            aria-label="Focus on a service"
            placeholder="All services"
            clearable
            searchable
            w={260}
            data={graph.services.map((s) => ({ value: s.id, label: s.name }))}
            value={focus}
            onChange={setFocus}
          />
          <Button variant="default" size="xs" onClick={() => zoom(1.25)} aria-label="Zoom in">
            +
          </Button>
          <Button variant="default" size="xs" onClick={() => zoom(0.8)} aria-label="Zoom out">
            −
          </Button>
          <Button variant="default" size="xs" onClick={() => setView({ x: -20, y: -20, scale: 1 })}>
            Reset
          </Button>
        </Group>
      </Group>
      <Group gap="md">
        {Object.entries(FILL).map(([rating, colour]) => (
          <Group gap={4} key={rating}>
            <span className={classes.swatch} style={{ background: colour }} />
            <Text size="xs">{rating}</Text>
          </Group>
        ))}
        <Group gap={4}>
          <span className={classes.swatch} style={{ background: '#adb5bd' }} />
          <Text size="xs">not rated</Text>
        </Group>
        <Group gap={4}>
          <span className={classes.swatch} style={{ background: '#4c6ef5' }} />
          <Text size="xs">your service</Text>
        </Group>
      </Group>
      <Card withBorder p={0} className={classes.canvas}>
        <svg
          role="img"
          aria-label={`Dependency graph: ${graph.nodes.length} services and suppliers, ${graph.edges.length} dependencies`}
          viewBox={`${view.x} ${view.y} ${1200 / view.scale} ${640 / view.scale}`}
          className={classes.svg}
          onWheel={(e) => zoom(e.deltaY < 0 ? 1.1 : 0.9)}
          onPointerDown={(e) => {
            drag.current = { x: e.clientX, y: e.clientY };
            moved.current = 0;
          }}
          onPointerMove={(e) => {
            if (!drag.current) return;
            const dx = (e.clientX - drag.current.x) / view.scale;
            const dy = (e.clientY - drag.current.y) / view.scale;
            drag.current = { x: e.clientX, y: e.clientY };
            moved.current += Math.abs(dx) + Math.abs(dy);
            setView((v) => ({ ...v, x: v.x - dx, y: v.y - dy }));
          }}
          onPointerUp={() => {
            drag.current = null;
          }}
          onPointerLeave={() => {
            drag.current = null;
          }}
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#868e96" />
            </marker>
          </defs>
          {graph.edges.map((e) => {
            const from = at.get(e.dependent);
            const to = at.get(e.provider);
            if (!from || !to) return null;
            const x1 = from.x + NODE_WIDTH;
            const y1 = from.y + ROW / 2 - 4;
            const x2 = to.x;
            const y2 = to.y + ROW / 2 - 4;
            const back = x2 <= x1;
            const path = back
              ? `M ${x1} ${y1} C ${x1 + 60} ${y1 - 60}, ${x2 - 60} ${y2 - 60}, ${x2} ${y2}`
              : `M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2} ${y2}`;
            return <path key={`${e.dependent}-${e.provider}`} d={path} className={classes.edge} markerEnd="url(#arrow)" />;
          })}
          {graph.nodes.map((n) => (
            <g
              key={n.id}
              transform={`translate(${n.x} ${n.y})`}
              className={classes.node}
              tabIndex={0}
              role="link"
              aria-label={`${n.name}${n.rating ? `, rated ${n.rating}` : ''}`}
              onClick={() => moved.current < 4 && open(n)}
              onKeyDown={(e) => e.key === 'Enter' && open(n)}
            >
              <rect width={NODE_WIDTH} height={ROW - 10} rx={6} fill={n.kind === 'service' ? '#4c6ef5' : n.rating ? FILL[n.rating] : '#adb5bd'} />
              <text
                x={10}
                y={(ROW - 10) / 2 + 4}
                className={classes.label}
                fill={n.kind === 'supplier' && (!n.rating || n.rating === 'medium') ? '#212529' : 'white'}
              >
                {n.name.length > 30 ? `${n.name.slice(0, 29)}…` : n.name}
              </text>
            </g>
          ))}
        </svg>
      </Card>
      <Text size="xs" c="dimmed">
        Arrows point from what depends to what it depends on. Drag to move, scroll to zoom, click or press Enter to open.
      </Text>
    </Stack>
  );
}
