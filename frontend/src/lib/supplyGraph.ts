// The part of the supply chain the dependency graph page draws, as adjacency maps, with what
// the server said about what it left out. The page never downloads the whole graph: it asks
// `supplyChainNeighbourhood` for the portion around a supplier or service (what depends on it
// and what it depends on) or, without one, for the services and what lies beneath them, cut
// at a depth when the register is too large. Register-wide figures (suppliers, unlinked,
// isolated) come from the server too. From the depth the server walked, this works out which
// nodes' suppliers are all here, so that a "+N" is never shown as exact when it is not.
// Cycles are legal data: every walk keeps the first (shortest) distance it finds.

export type Rating = 'low' | 'medium' | 'high' | 'critical';

export interface GraphNode {
  id: string;
  kind: 'service' | 'supplier';
  name: string;
  criticality?: number | null;
  rating?: Rating | null;
}

export interface GraphEdge {
  dependent: string;
  provider: string;
}

/** What the server said about the portion it sent (`GraphPortion`). */
export interface Loaded {
  /** The node the portion was walked from, both ways; null: down from every service. */
  focus: string | null;
  /** Every node within reach is here (both ways from the focus, or down from every service). */
  complete: boolean;
  /** Steps walked each way. */
  depth: number;
  /** Nodes one step away cut to stay within the server's budget. */
  leftOut: number;
  /** Suppliers in the register. */
  supplierCount: number;
  /** Suppliers no service reaches, directly or through other suppliers. */
  unlinked: number;
  /** Of those, the ones without any dependency at all. */
  isolated: number;
}

export interface SupplyGraph {
  nodes: Map<string, GraphNode>;
  /** What each node depends on (as far as loaded). */
  providers: Map<string, string[]>;
  /** What depends on each node (as far as loaded). */
  dependents: Map<string, string[]>;
  /** Most critical first, then by name. */
  services: GraphNode[];
  loaded: Loaded;
  /** Nodes whose suppliers are all here: the server walked down from them. Beneath any other
   * node there may be more than was loaded. */
  walkedDown: ReadonlySet<string>;
  /** Everything beneath the focus (or beneath every service) is here. */
  downComplete: boolean;
  /** Everything that depends on the focus is here (always true for the overview). */
  upComplete: boolean;
}

/** A portion as the API sends it: kinds and ratings as GraphQL enums. */
export interface PortionData extends Omit<Loaded, 'focus'> {
  nodes: {
    id: string;
    kind: 'SERVICE' | 'SUPPLIER';
    name: string;
    criticality?: number | null;
    rating?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL' | null;
  }[];
  edges: GraphEdge[];
}

/** The graph of a `supplyChainNeighbourhood` answer, asked for around `focus` (or null). */
export function fromPortion(portion: PortionData, focus: string | null): SupplyGraph {
  const nodes = portion.nodes.map((n): GraphNode => ({
    id: n.id,
    kind: n.kind === 'SERVICE' ? 'service' : 'supplier',
    name: n.name,
    criticality: n.criticality ?? null,
    rating: n.rating ? (n.rating.toLowerCase() as Rating) : null,
  }));
  const { complete, depth, leftOut, supplierCount, unlinked, isolated } = portion;
  return buildGraph({ nodes, edges: portion.edges }, { focus, complete, depth, leftOut, supplierCount, unlinked, isolated });
}

/** Worst first: the order suppliers are listed and kept in when a view must leave some out. */
export const RISK_ORDER: Record<Rating | 'unrated', number> = { critical: 0, high: 1, medium: 2, low: 3, unrated: 4 };

export const risk = (n: GraphNode) => RISK_ORDER[n.rating ?? 'unrated'] ?? RISK_ORDER.unrated;
export const byName = (a: GraphNode, b: GraphNode) => a.name.localeCompare(b.name);
/** Services by criticality (highest first), suppliers by rating (worst first), then by name. */
export const byImportance = (a: GraphNode, b: GraphNode) =>
  a.kind !== b.kind
    ? a.kind === 'service'
      ? -1
      : 1
    : a.kind === 'service'
      ? (b.criticality ?? 0) - (a.criticality ?? 0) || byName(a, b)
      : risk(a) - risk(b) || byName(a, b);

/** Adjacency maps of a portion; edges to nodes not in it and repeated edges are dropped. */
export function buildGraph(data: { nodes: GraphNode[]; edges: GraphEdge[] }, loaded: Loaded): SupplyGraph {
  const nodes = new Map(data.nodes.map((n) => [n.id, n]));
  const providers = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  const seen = new Set<string>();
  for (const { dependent, provider } of data.edges) {
    const key = `${dependent}>${provider}`;
    if (seen.has(key) || dependent === provider || !nodes.has(dependent) || !nodes.has(provider)) continue;
    seen.add(key);
    push(providers, dependent, provider);
    push(dependents, provider, dependent);
  }
  const services = data.nodes.filter((n) => n.kind === 'service').sort(byImportance);
  const adjacency = { providers, dependents };
  const focus = loaded.focus && nodes.has(loaded.focus) ? loaded.focus : null;
  // The server walks a step at a time and stops at the last step that fits: what it reached
  // fewer than `depth` steps down, it walked on from (all its suppliers are here). Distances
  // through what was loaded are the true ones up to `depth`, since every node nearer than that
  // brought all its edges. When it had to cut the first step (`leftOut`), nothing is whole.
  const walk = (direction: 'down' | 'up') => {
    const found = reach(adjacency, focus ? [focus] : services.map((s) => s.id), direction);
    const walked = new Set<string>();
    if (loaded.leftOut === 0) for (const [id, at] of found) if (loaded.complete || at.depth < loaded.depth) walked.add(id);
    return { whole: walked.size === found.size && loaded.leftOut === 0, walked };
  };
  const down = walk('down');
  return {
    nodes,
    providers,
    dependents,
    services,
    loaded,
    walkedDown: down.walked,
    downComplete: down.whole,
    upComplete: focus ? walk('up').whole : true,
  };
}

function push(map: Map<string, string[]>, key: string, value: string) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export interface Reached {
  depth: number;
  /** The neighbour one step closer to the start on a shortest path (null for a start). */
  via: string | null;
}

/** Breadth-first walk from `starts` along providers ('down': what they depend on) or
 * dependents ('up': what depends on them), the starts included at depth 0. */
export function reach(graph: Pick<SupplyGraph, 'providers' | 'dependents'>, starts: string[], direction: 'down' | 'up'): Map<string, Reached> {
  const next = direction === 'down' ? graph.providers : graph.dependents;
  const found = new Map<string, Reached>();
  const queue: string[] = [];
  for (const s of starts) {
    if (!found.has(s)) {
      found.set(s, { depth: 0, via: null });
      queue.push(s);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    const depth = found.get(id)!.depth + 1;
    for (const n of next.get(id) ?? []) {
      if (!found.has(n)) {
        found.set(n, { depth, via: id });
        queue.push(n);
      }
    }
  }
  return found;
}

/** The shortest path from `id` back to the start of the walk that found it: [id, ..., start]. */
export function pathBack(found: Map<string, Reached>, id: string): string[] {
  const path = [id];
  for (let at = found.get(id); at?.via; at = found.get(at.via)) path.push(at.via);
  return path;
}

/** What lies beneath `id` and is not in `drawn`: how many suppliers (as far as loaded);
 * whether there may be more beneath it than that (`partial`: the server did not walk on from
 * some node beneath it, or from `id` itself, so their suppliers may not all be here); and
 * whether that is so of `id` itself (`atEdge`). */
export function beneath(graph: SupplyGraph, id: string, drawn: { has(id: string): boolean }) {
  let hidden = 0;
  let partial = false;
  for (const below of reach(graph, [id], 'down').keys()) {
    if (!drawn.has(below)) hidden += 1;
    if (!graph.walkedDown.has(below)) partial = true;
  }
  return { hidden, partial, atEdge: !graph.walkedDown.has(id) };
}
