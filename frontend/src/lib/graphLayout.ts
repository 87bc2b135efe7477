// A layered drawing of the supply chain: services in the first column, then every supplier
// in the column of its shortest distance from a service (so fourth parties sit further
// right), nodes no service reaches in a last column. Cycles cannot loop: a node keeps the
// first (shortest) distance it gets.

export interface GraphNode {
  id: string;
  kind: 'service' | 'supplier';
  name: string;
  criticality?: number | null;
  rating?: string | null;
}

export interface GraphEdge {
  dependent: string;
  provider: string;
}

export interface PlacedNode extends GraphNode {
  layer: number;
  x: number;
  y: number;
}

export const COLUMN = 280;
export const ROW = 46;

export function layout(nodes: GraphNode[], edges: GraphEdge[]): { nodes: PlacedNode[]; width: number; height: number } {
  const providers = new Map<string, string[]>();
  for (const e of edges) providers.set(e.dependent, [...(providers.get(e.dependent) ?? []), e.provider]);
  const layer = new Map<string, number>();
  const queue: string[] = [];
  for (const n of nodes) {
    if (n.kind === 'service') {
      layer.set(n.id, 0);
      queue.push(n.id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of providers.get(id) ?? []) {
      if (!layer.has(next)) {
        layer.set(next, (layer.get(id) ?? 0) + 1);
        queue.push(next);
      }
    }
  }
  const deepest = Math.max(0, ...layer.values());
  const columns = new Map<number, GraphNode[]>();
  for (const n of nodes) {
    const l = layer.get(n.id) ?? deepest + 1;
    columns.set(l, [...(columns.get(l) ?? []), n]);
  }
  const placed: PlacedNode[] = [];
  let tallest = 0;
  for (const [l, members] of [...columns.entries()].sort((a, b) => a[0] - b[0])) {
    members.sort((a, b) => a.name.localeCompare(b.name));
    tallest = Math.max(tallest, members.length);
    members.forEach((n, i) => placed.push({ ...n, layer: l, x: l * COLUMN, y: i * ROW }));
  }
  return { nodes: placed, width: (Math.max(...placed.map((n) => n.layer), 0) + 1) * COLUMN, height: Math.max(tallest, 1) * ROW };
}

/** The nodes a service's supply chain contains (the service included), for focusing. */
export function beneath(start: string, edges: GraphEdge[]): Set<string> {
  const providers = new Map<string, string[]>();
  for (const e of edges) providers.set(e.dependent, [...(providers.get(e.dependent) ?? []), e.provider]);
  const seen = new Set([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const next of providers.get(queue[i]) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}
