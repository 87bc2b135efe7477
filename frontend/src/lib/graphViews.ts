// The bounded views the dependency graph page draws from a loaded portion (src/lib/supplyGraph.ts):
// an overview (services and the suppliers they use directly), a supplier's neighbourhood (every
// service that depends on it, also through fourth parties, and what it depends on itself) and a
// service's supply chain. A view never holds more than its budget of nodes, says how much of
// what was loaded it left out, and marks the "+N" counts that may be short because the server
// did not load everything beneath a node.
import { type GraphEdge, type GraphNode, type Rating, type SupplyGraph, beneath, byImportance, byName, pathBack, reach, risk } from './supplyGraph';

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
  /** Loaded suppliers beneath it (transitively) that the view does not draw: its "+N". Always
   * 0 for a service: its suppliers come through its cluster or its own view. */
  hidden: number;
  /** A supplier whose chain beneath was not all loaded: `hidden` is a lower bound. */
  partial: boolean;
  /** A supplier whose own suppliers were not all loaded (the server did not walk on from it):
   * there may be suppliers beneath it even when `hidden` is 0 (its own view shows them). */
  atEdge: boolean;
  /** The "+N" is open: everything loaded beneath it is drawn (within the budget). */
  expanded: boolean;
}

/** The suppliers of one service that the overview groups into one node. */
export interface ClusterNode {
  type: 'cluster';
  id: string;
  /** The service whose direct suppliers it holds. */
  of: string;
  count: number;
  /** The service's suppliers were not all loaded: `count` is a lower bound. */
  partial: boolean;
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
  /** Supplier view: every loaded service that depends on the supplier, nearest first, drawn or
   * not (all of them when `graph.upComplete`). */
  impacted: ImpactedService[];
  /** Loaded nodes of the neighbourhood the budget kept out of the drawing (beyond the "+N"
   * counts). */
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
      const more = node.kind === 'supplier' ? beneath(this.graph, id, drawn) : { hidden: 0, partial: false, atEdge: false };
      nodes.push({ type: 'node', id, node, role, depth, column: columns.get(id) ?? 0, ...more, expanded: expanded.has(id) });
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
    const partial = !graph.walkedDown.has(s.id);
    drawing.clusters.push({ type: 'cluster', id: clusterId(s.id), of: s.id, count: rest.length, partial, ratings });
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
