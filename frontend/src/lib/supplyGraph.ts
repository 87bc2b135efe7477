// The supply chain as adjacency maps, and the bounded views the dependency graph page draws:
// an overview (services and the suppliers they use directly), a supplier's neighbourhood (every
// service that depends on it, also through fourth parties, and what it depends on itself) and a
// service's supply chain. The whole graph (10,000 suppliers or more) stays here; a view never
// holds more than its budget of nodes, and says how much it left out. Cycles are legal data:
// every walk keeps the first (shortest) distance it finds.

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

export interface SupplyGraph {
  nodes: Map<string, GraphNode>;
  /** What each node depends on. */
  providers: Map<string, string[]>;
  /** What depends on each node. */
  dependents: Map<string, string[]>;
  /** Most critical first, then by name. */
  services: GraphNode[];
  supplierCount: number;
  /** Suppliers that no service reaches, directly or through other suppliers. */
  unlinked: number;
  /** Of those, the ones without any dependency at all. */
  isolated: number;
}

/** Worst first: the order suppliers are listed and kept in when a view must leave some out. */
export const RISK_ORDER: Record<Rating | 'unrated', number> = { critical: 0, high: 1, medium: 2, low: 3, unrated: 4 };

const risk = (n: GraphNode) => RISK_ORDER[n.rating ?? 'unrated'] ?? RISK_ORDER.unrated;
const byName = (a: GraphNode, b: GraphNode) => a.name.localeCompare(b.name);
/** Services by criticality (highest first), suppliers by rating (worst first), then by name. */
export const byImportance = (a: GraphNode, b: GraphNode) =>
  a.kind !== b.kind
    ? a.kind === 'service'
      ? -1
      : 1
    : a.kind === 'service'
      ? (b.criticality ?? 0) - (a.criticality ?? 0) || byName(a, b)
      : risk(a) - risk(b) || byName(a, b);

/** Adjacency maps from the JSON of `supplyChainGraph(format: JSON)`; edges to unknown nodes
 * and repeated edges are dropped. */
export function buildGraph(data: { nodes: GraphNode[]; edges: GraphEdge[] }): SupplyGraph {
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
  const reached = reach(
    { providers, dependents },
    services.map((s) => s.id),
    'down',
  );
  let supplierCount = 0;
  let unlinked = 0;
  let isolated = 0;
  for (const n of data.nodes) {
    if (n.kind !== 'supplier') continue;
    supplierCount += 1;
    if (reached.has(n.id)) continue;
    unlinked += 1;
    if (!providers.has(n.id) && !dependents.has(n.id)) isolated += 1;
  }
  return { nodes, providers, dependents, services, supplierCount, unlinked, isolated };
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

export type Role =
  /** The supplier or service the view is about. */
  | 'focus'
  /** A service that depends on the focused supplier. */
  | 'impacted'
  /** A supplier that depends on the focused supplier (its fourth party), on the way to a
   * service or not. */
  | 'dependent'
  /** Something the focus depends on, directly or further down. */
  | 'provider'
  /** Overview: a service, or a supplier a service uses directly. */
  | 'service'
  | 'supplier'
  /** Drawn because it was expanded from a "+N". */
  | 'beneath';

export interface DrawnNode {
  type: 'node';
  id: string;
  node: GraphNode;
  role: Role;
  /** Distance from the focus, or in the overview from a service. */
  depth: number;
  /** Where it is drawn, left to right: what depends on something is left of it. Services of
   * the overview and the focus are at 0, what depends on the focus at -1, -2, ...; every other
   * node is one column right of something drawn that depends on it (or left of something it
   * depends on), by the shortest way through what is drawn. */
  column: number;
  /** Suppliers beneath it (transitively) that the view does not draw: its "+N". Always 0 for
   * a service: its suppliers come through its cluster or its own view. */
  hidden: number;
  /** The "+N" is open: everything beneath it is drawn (within the budget). */
  expanded: boolean;
}

/** The suppliers of one service that the overview groups into one node. */
export interface ClusterNode {
  type: 'cluster';
  id: string;
  /** The service whose direct suppliers it holds. */
  of: string;
  count: number;
  ratings: Record<Rating | 'unrated', number>;
}

export type ViewNode = DrawnNode | ClusterNode;

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  /** On a path from a service down to the focused supplier. */
  highlighted: boolean;
}

export interface ImpactedService {
  service: GraphNode;
  /** 1 for a direct dependency, 2 through one supplier, and so on. */
  depth: number;
  /** service -> ... -> the focused supplier. */
  path: GraphNode[];
}

export interface View {
  mode: 'overview' | 'supplier' | 'service';
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Supplier view: every service that depends on the supplier, nearest first (all of them,
   * drawn or not). */
  impacted: ImpactedService[];
  /** Nodes of the neighbourhood the budget kept out of the drawing (beyond the "+N" counts). */
  left: number;
}

export interface ViewOptions {
  /** Ids whose "+N" (a supplier's chain beneath it) or cluster (a service's other suppliers) is open. */
  expanded?: ReadonlySet<string>;
  /** Most nodes a view draws, clusters included. */
  budget?: number;
  /** Overview: how many direct suppliers of a service are drawn before the rest are grouped. */
  perService?: number;
}

export const BUDGET = 200;
export const PER_SERVICE = 4;
/** A service's cluster holds at least this many: fewer are drawn one by one. */
const SMALLEST_CLUSTER = 3;
export const clusterId = (service: string) => `cluster:${service}`;

/** Collects the nodes a view draws, within the budget. */
class Drawing {
  readonly roles = new Map<string, { role: Role; depth: number }>();
  readonly clusters: ClusterNode[] = [];
  /** Nodes of the neighbourhood that did not fit. */
  readonly leftOut = new Set<string>();
  /** Room kept free for nodes to come (the overview's clusters). */
  reserve = 0;
  constructor(
    readonly graph: SupplyGraph,
    readonly budget: number,
  ) {}

  get size() {
    return this.roles.size + this.clusters.length;
  }

  /** Adds `id` unless it is there or the budget is spent; false if it did not fit. */
  add(id: string, role: Role, depth: number): boolean {
    if (this.roles.has(id)) return true;
    if (this.size + this.reserve >= this.budget) {
      this.leftOut.add(id);
      return false;
    }
    this.roles.set(id, { role, depth });
    return true;
  }

  /** Opens the "+N" of every drawn node in `expanded`: its whole chain beneath, nearest first,
   * as far as the budget goes. Nodes that come into view can be expanded in turn. */
  expand(expanded: ReadonlySet<string>) {
    const done = new Set<string>();
    for (let again = true; again;) {
      again = false;
      for (const id of [...this.roles.keys()]) {
        if (!expanded.has(id) || done.has(id)) continue;
        done.add(id);
        again = true;
        const depth = this.roles.get(id)!.depth;
        for (const [below, at] of reach(this.graph, [id], 'down')) this.add(below, 'beneath', depth + at.depth);
      }
    }
  }

  view(mode: View['mode'], expanded: ReadonlySet<string>, impacted: ImpactedService[] = [], highlight: (edge: GraphEdge) => boolean = () => false): View {
    const drawn = this.roles;
    const roots = [...drawn].filter(([, r]) => r.role === 'focus' || r.role === 'service').map(([id]) => id);
    const columns = this.columns(roots, mode === 'supplier' ? ['up', 'down'] : ['down', 'up']);
    const nodes: ViewNode[] = [];
    for (const [id, { role, depth }] of drawn) {
      const node = this.graph.nodes.get(id)!;
      let hidden = 0;
      if (node.kind === 'supplier') for (const below of reach(this.graph, [id], 'down').keys()) if (!drawn.has(below)) hidden += 1;
      nodes.push({ type: 'node', id, node, role, depth, column: columns.get(id) ?? 0, hidden, expanded: expanded.has(id) });
    }
    nodes.push(...this.clusters);
    const edges: ViewEdge[] = [];
    for (const dependent of drawn.keys()) {
      for (const provider of this.graph.providers.get(dependent) ?? []) {
        if (drawn.has(provider)) {
          edges.push({ id: `${dependent}>${provider}`, source: dependent, target: provider, highlighted: highlight({ dependent, provider }) });
        }
      }
    }
    for (const c of this.clusters) edges.push({ id: `${c.of}>${c.id}`, source: c.of, target: c.id, highlighted: false });
    for (const id of drawn.keys()) this.leftOut.delete(id);
    return { mode, nodes, edges, impacted, left: this.leftOut.size };
  }

  /** The columns of the drawn nodes (see `DrawnNode.column`): breadth-first through the drawn
   * nodes from the roots in one direction, then from the roots in the other, then (for nodes
   * still without one, such as those under an opened "+N" of a dependent) from every placed
   * node in both, until every node has one. */
  columns(roots: string[], directions: ('up' | 'down')[]): Map<string, number> {
    const column = new Map(roots.map((id) => [id, 0]));
    for (let round = 0, changed = true; changed && column.size < this.roles.size; round++) {
      changed = false;
      for (const direction of directions) {
        const next = direction === 'down' ? this.graph.providers : this.graph.dependents;
        const step = direction === 'down' ? 1 : -1;
        const queue = round === 0 ? [...roots] : [...column.keys()];
        for (let i = 0; i < queue.length; i++) {
          for (const n of next.get(queue[i]) ?? []) {
            if (this.roles.has(n) && !column.has(n)) {
              column.set(n, column.get(queue[i])! + step);
              queue.push(n);
              changed = true;
            }
          }
        }
      }
    }
    return column;
  }
}

const nodesOf = (graph: SupplyGraph, ids: Iterable<string>) => [...ids].map((id) => graph.nodes.get(id)!);

/** Services and the suppliers they use directly; a service's suppliers beyond `perService`
 * (the riskiest are kept) are grouped into one cluster node unless the service is expanded.
 * Fourth parties are drawn only under an expanded supplier. */
export function overview(graph: SupplyGraph, options: ViewOptions = {}): View {
  const expanded = options.expanded ?? new Set<string>();
  const perService = options.perService ?? PER_SERVICE;
  const drawing = new Drawing(graph, options.budget ?? BUDGET);
  // Services first, most critical first; what does not fit is counted.
  for (const s of graph.services) drawing.add(s.id, 'service', 0);
  // Worst rated first; among equals, those more of the graph depends on (a supplier shared by
  // several services, a hub of fourth parties) before the others.
  const dependents = (n: GraphNode) => graph.dependents.get(n.id)?.length ?? 0;
  const direct = new Map(
    graph.services.map((s) => [
      s.id,
      nodesOf(graph, graph.providers.get(s.id) ?? [])
        .filter((n) => n.kind === 'supplier')
        .sort((a, b) => risk(a) - risk(b) || dependents(b) - dependents(a) || byName(a, b)),
    ]),
  );
  // The riskiest few of every service before any service's long tail, so that one service
  // with hundreds of suppliers cannot crowd out the others; room is kept for a cluster each.
  drawing.reserve = Math.min(graph.services.length, drawing.budget - drawing.size);
  for (const s of graph.services) {
    const all = direct.get(s.id) ?? [];
    const keep = expanded.has(clusterId(s.id)) ? 0 : all.length < perService + SMALLEST_CLUSTER ? all.length : perService;
    for (const n of all.slice(0, keep)) drawing.add(n.id, 'supplier', 1);
  }
  for (const s of graph.services) {
    if (!expanded.has(clusterId(s.id))) continue;
    for (const n of direct.get(s.id) ?? []) drawing.add(n.id, 'supplier', 1);
  }
  drawing.expand(expanded);
  drawing.reserve = 0;
  // What each drawn service still has undrawn becomes its cluster.
  for (const s of graph.services) {
    if (!drawing.roles.has(s.id)) continue;
    const rest = (direct.get(s.id) ?? []).filter((n) => !drawing.roles.has(n.id));
    if (!rest.length) continue;
    if (drawing.size >= drawing.budget) {
      for (const n of rest) drawing.leftOut.add(n.id);
      continue;
    }
    for (const n of rest) drawing.leftOut.delete(n.id);
    const ratings = { critical: 0, high: 0, medium: 0, low: 0, unrated: 0 };
    for (const n of rest) ratings[n.rating ?? 'unrated'] += 1;
    drawing.clusters.push({ type: 'cluster', id: clusterId(s.id), of: s.id, count: rest.length, ratings });
  }
  return drawing.view('overview', expanded);
}

/** A supplier's neighbourhood: every service that depends on it, directly or through other
 * suppliers, with the suppliers on those paths, and what the supplier depends on itself. */
export function supplierView(graph: SupplyGraph, id: string, options: ViewOptions = {}): View {
  const expanded = options.expanded ?? new Set<string>();
  const drawing = new Drawing(graph, options.budget ?? BUDGET);
  drawing.add(id, 'focus', 0);
  const up = reach(graph, [id], 'up');
  const impacted: ImpactedService[] = [];
  for (const [other, at] of up) {
    const node = graph.nodes.get(other)!;
    if (other !== id && node.kind === 'service') {
      impacted.push({ service: node, depth: at.depth, path: nodesOf(graph, pathBack(up, other)) });
    }
  }
  impacted.sort((a, b) => a.depth - b.depth || byImportance(a.service, b.service));
  // The shortest path of every impacted service first (nearest services first), then the rest
  // of what depends on the supplier, nearest first.
  const role = (n: GraphNode): Role => (n.kind === 'service' ? 'impacted' : 'dependent');
  for (const { path } of impacted) for (const n of path) drawing.add(n.id, role(n), up.get(n.id)!.depth);
  for (const [other, at] of up) drawing.add(other, role(graph.nodes.get(other)!), at.depth);
  // Then what it depends on itself, nearest first; the nodes at the edge of the budget keep a
  // "+N" of what is beneath them.
  for (const [other, at] of reach(graph, [id], 'down')) {
    if (!up.has(other)) drawing.add(other, 'provider', at.depth);
  }
  drawing.expand(expanded);
  // Every edge inside the part that depends on the supplier lies on a path from a service to it,
  // except the supplier's own edges into that part (a cycle).
  const onPath = (e: GraphEdge) => e.dependent !== id && up.has(e.dependent) && up.has(e.provider);
  return drawing.view('supplier', expanded, impacted, onPath);
}

/** A service's supply chain: everything beneath it, nearest first, as far as the budget goes;
 * the nodes at the edge of the budget keep a "+N" of what is beneath them. */
export function serviceView(graph: SupplyGraph, id: string, options: ViewOptions = {}): View {
  const expanded = options.expanded ?? new Set<string>();
  const drawing = new Drawing(graph, options.budget ?? BUDGET);
  const down = reach(graph, [id], 'down');
  for (const [other, at] of down) {
    drawing.add(other, other === id ? 'focus' : 'provider', at.depth);
  }
  drawing.expand(expanded);
  return drawing.view('service', expanded);
}

/** The view for `focus` (a supplier's or a service's id), or the overview without one. */
export function viewOf(graph: SupplyGraph, focus: string | null, options: ViewOptions = {}): View {
  const node = focus ? graph.nodes.get(focus) : undefined;
  if (!node) return overview(graph, options);
  return node.kind === 'service' ? serviceView(graph, node.id, options) : supplierView(graph, node.id, options);
}

/** How a node is named to a screen reader and in the list beside the graph. */
export function accessibleName(n: GraphNode): string {
  if (n.kind === 'service') return n.criticality ? `${n.name}, service of criticality ${n.criticality}` : `${n.name}, service`;
  return n.rating ? `${n.name}, rated ${n.rating}` : `${n.name}, not rated`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** "+12 more suppliers" and what they are rated, worst first. */
export function clusterLabel(c: ClusterNode): string {
  const ratings = (Object.keys(RISK_ORDER) as (Rating | 'unrated')[])
    .filter((r) => c.ratings[r])
    .map((r) => `${c.ratings[r]} ${r === 'unrated' ? 'not rated' : r}`);
  return `+${plural(c.count, 'more supplier')}\n${ratings.join(', ')}`;
}

/** What a drawn node is to the view, in words: "depends on it through 2 suppliers". */
export function describeNode(n: DrawnNode, mode: View['mode'], graph: SupplyGraph): string {
  const steps = (depth: number) => (depth <= 1 ? 'directly' : `through ${plural(depth - 1, 'supplier')}`);
  switch (n.role) {
    case 'focus':
      return n.node.kind === 'service' ? 'the service you picked' : 'the supplier you picked';
    case 'impacted':
    case 'dependent':
      return `depends on it ${steps(n.depth)}`;
    case 'provider':
      if (mode === 'supplier') return n.depth <= 1 ? 'its own supplier' : `beneath it, ${n.depth} steps down`;
      return n.depth <= 1 ? 'direct supplier' : `fourth party, ${n.depth} steps down`;
    case 'service': {
      const direct = (graph.providers.get(n.id) ?? []).filter((p) => graph.nodes.get(p)?.kind === 'supplier').length;
      return `uses ${plural(direct, 'supplier')} directly`;
    }
    case 'supplier': {
      const users = (graph.dependents.get(n.id) ?? []).map((d) => graph.nodes.get(d)!).filter((d) => d.kind === 'service');
      return `used directly by ${users.map((u) => u.name).join(', ')}`;
    }
    case 'beneath':
      return `fourth party, ${n.depth} steps down`;
  }
}
