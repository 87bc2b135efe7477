import { describe, expect, it } from 'vitest';
import { type ClusterNode, type DrawnNode, type View, clusterId, overview, serviceView, supplierView, viewOf } from './graphViews';
import { accessibleName } from './graphWords';
import { type GraphEdge, type GraphNode, type Loaded, buildGraph, pathBack, reach } from './supplyGraph';

const service = (id: string, criticality: number): GraphNode => ({ id, kind: 'service', name: `Service ${id}`, criticality });
const supplier = (id: string, rating: GraphNode['rating'] = null): GraphNode => ({ id, kind: 'supplier', name: `Supplier ${id}`, rating });
const edge = (dependent: string, provider: string): GraphEdge => ({ dependent, provider });
/** A portion the server sent whole, with made-up register-wide figures. */
const whole: Loaded = { focus: null, complete: true, depth: 20, leftOut: 0, supplierCount: 8, unlinked: 3, isolated: 1 };

// S1 (criticality 5) uses A and B, S2 (3) uses B. A's chain beneath is C -> D -> back to A (a
// cycle); B's is E. U1 depends on A but no service reaches U1 (nor U2 beneath it); Iso has no
// dependency at all.
const nodes = [
  service('S2', 3),
  service('S1', 5),
  supplier('A', 'critical'),
  supplier('B', 'high'),
  supplier('C'),
  supplier('D', 'low'),
  supplier('E', 'medium'),
  supplier('U1'),
  supplier('U2'),
  supplier('Iso'),
];
const edges = [
  edge('S1', 'A'),
  edge('S1', 'B'),
  edge('S2', 'B'),
  edge('A', 'C'),
  edge('C', 'D'),
  edge('D', 'A'),
  edge('B', 'E'),
  edge('U1', 'U2'),
  edge('U1', 'A'),
];
const graph = buildGraph({ nodes, edges }, whole);

const drawn = (view: View) => view.nodes.filter((n): n is DrawnNode => n.type === 'node');
const ids = (view: View) =>
  drawn(view)
    .map((n) => n.id)
    .sort();
const at = (view: View, id: string) => drawn(view).find((n) => n.id === id);
const edgeIds = (view: View) => view.edges.map((e) => e.id).sort();

describe('buildGraph', () => {
  it('orders services by criticality and keeps the register-wide figures the server sent', () => {
    expect(graph.services.map((s) => s.id)).toEqual(['S1', 'S2']);
    expect(graph.loaded).toMatchObject({ supplierCount: 8, unlinked: 3, isolated: 1 });
  });

  it('drops repeated edges, self-loops and edges to unknown nodes', () => {
    const g = buildGraph({ nodes: [supplier('X'), supplier('Y')], edges: [edge('X', 'Y'), edge('X', 'Y'), edge('X', 'X'), edge('X', 'nowhere')] }, whole);
    expect(g.providers.get('X')).toEqual(['Y']);
    expect(g.dependents.get('Y')).toEqual(['X']);
    expect(g.dependents.has('X')).toBe(false);
  });
});

describe('reach', () => {
  it('walks a cycle once, keeping the shortest distance and the way back', () => {
    const down = reach(graph, ['S1'], 'down');
    expect(Object.fromEntries([...down].map(([id, r]) => [id, r.depth]))).toEqual({ S1: 0, A: 1, B: 1, C: 2, E: 2, D: 3 });
    expect(pathBack(down, 'D')).toEqual(['D', 'C', 'A', 'S1']);
    const up = reach(graph, ['A'], 'up');
    expect([...up.keys()].sort()).toEqual(['A', 'C', 'D', 'S1', 'U1']);
    expect(pathBack(up, 'S1')).toEqual(['S1', 'A']);
  });
});

describe('overview', () => {
  it('draws services and their direct suppliers, fourth parties folded into a "+N" each', () => {
    const view = overview(graph);
    expect(ids(view)).toEqual(['A', 'B', 'S1', 'S2']);
    expect(at(view, 'A')).toMatchObject({ role: 'supplier', hidden: 2, expanded: false });
    expect(at(view, 'B')).toMatchObject({ hidden: 1 });
    // Services carry no "+N" of their own.
    expect(at(view, 'S1')?.hidden).toBe(0);
    expect(edgeIds(view)).toEqual(['S1>A', 'S1>B', 'S2>B']);
    expect(view.nodes.some((n) => n.type === 'cluster')).toBe(false);
    expect(view.left).toBe(0);
  });

  it('opens a "+N": the chain beneath the supplier, cycle edges included', () => {
    const view = overview(graph, { expanded: new Set(['A']) });
    expect(ids(view)).toEqual(['A', 'B', 'C', 'D', 'S1', 'S2']);
    expect(at(view, 'C')).toMatchObject({ role: 'beneath', depth: 2 });
    expect(at(view, 'D')).toMatchObject({ role: 'beneath', depth: 3, hidden: 0 });
    expect(at(view, 'A')).toMatchObject({ hidden: 0, expanded: true });
    expect(edgeIds(view)).toEqual(['A>C', 'C>D', 'D>A', 'S1>A', 'S1>B', 'S2>B']);
    // Nobody reaches U1 from a service, so it stays out even though it depends on A.
    expect(at(view, 'U1')).toBeUndefined();
  });

  it("groups a service's long tail into one cluster, keeping the riskiest suppliers", () => {
    const tail = [supplier('t1', 'low'), supplier('t2'), supplier('t3', 'critical'), supplier('t4'), supplier('t5', 'high')];
    const g = buildGraph({ nodes: [service('Big', 4), ...tail], edges: tail.map((t) => edge('Big', t.id)) }, whole);
    const view = overview(g, { perService: 2 });
    expect(ids(view)).toEqual(['Big', 't3', 't5']);
    const cluster = view.nodes.find((n): n is ClusterNode => n.type === 'cluster');
    expect(cluster).toEqual({
      type: 'cluster',
      id: clusterId('Big'),
      of: 'Big',
      count: 3,
      partial: false,
      ratings: { critical: 0, high: 0, medium: 0, low: 1, unrated: 2 },
    });
    expect(edgeIds(view)).toContain(`Big>${clusterId('Big')}`);
    // Opening the cluster draws them all and removes it.
    const open = overview(g, { perService: 2, expanded: new Set([clusterId('Big')]) });
    expect(ids(open)).toEqual(['Big', 't1', 't2', 't3', 't4', 't5']);
    expect(open.nodes.some((n) => n.type === 'cluster')).toBe(false);
  });

  it('draws a few more suppliers one by one rather than make a cluster of one or two', () => {
    const few = [supplier('f1'), supplier('f2'), supplier('f3'), supplier('f4'), supplier('f5'), supplier('f6')];
    const g = buildGraph({ nodes: [service('Small', 2), ...few], edges: few.map((f) => edge('Small', f.id)) }, whole);
    expect(drawn(overview(g, { perService: 4 })).length).toBe(7);
    expect(overview(g, { perService: 3 }).nodes.find((n) => n.type === 'cluster')).toMatchObject({ count: 3 });
  });

  it('keeps, among suppliers rated alike, those more of the graph depends on', () => {
    // h2 is also used by another service and h3 by a supplier: both go before h1.
    const g = buildGraph(
      {
        nodes: [
          service('Main', 5),
          service('Other', 1),
          supplier('h1'),
          supplier('h2'),
          supplier('h3'),
          supplier('user'),
          ...['t1', 't2', 't3'].map((t) => supplier(t)),
        ],
        edges: [...['h1', 'h2', 'h3', 't1', 't2', 't3'].map((h) => edge('Main', h)), edge('Other', 'h2'), edge('Other', 'user'), edge('user', 'h3')],
      },
      whole,
    );
    const kept = drawn(overview(g, { perService: 2 }))
      .filter((n) => n.role === 'supplier' && n.id !== 'user')
      .map((n) => n.id);
    expect(kept.sort()).toEqual(['h2', 'h3']);
  });

  it('never draws more than its budget, and counts what it left out', () => {
    const many = Array.from({ length: 40 }, (_, i) => supplier(`m${i}`));
    const g = buildGraph(
      {
        nodes: [service('P', 5), service('Q', 2), ...many],
        edges: [...many.map((m) => edge('P', m.id)), ...many.slice(0, 10).map((m) => edge('Q', m.id))],
      },
      whole,
    );
    const view = overview(g, { budget: 12, expanded: new Set([clusterId('P'), clusterId('Q')]) });
    expect(view.nodes.length).toBe(12);
    // 2 services, 8 suppliers and a cluster for each service: everything is drawn or in a cluster.
    expect(drawn(view).length).toBe(10);
    const clusters = view.nodes.filter((n): n is ClusterNode => n.type === 'cluster');
    expect(clusters.map((c) => [c.of, c.count])).toEqual([
      ['P', 32],
      ['Q', 10 - drawn(view).filter((n) => view.edges.some((e) => e.id === `Q>${n.id}`)).length],
    ]);
    expect(view.left).toBe(0);
    // Without room for the clusters, what they would hold is counted as left out.
    const tight = overview(g, { budget: 2, expanded: new Set([clusterId('P')]) });
    expect(ids(tight)).toEqual(['P', 'Q']);
    expect(tight.left).toBe(40);
  });
});

describe('supplierView', () => {
  it('draws every service that depends on the supplier, through fourth parties too, with the paths highlighted', () => {
    const view = supplierView(graph, 'E');
    expect(view.impacted.map((i) => [i.service.id, i.depth, i.path.map((n) => n.id)])).toEqual([
      ['S1', 2, ['S1', 'B', 'E']],
      ['S2', 2, ['S2', 'B', 'E']],
    ]);
    expect(ids(view)).toEqual(['B', 'E', 'S1', 'S2']);
    expect(at(view, 'E')?.role).toBe('focus');
    expect(at(view, 'B')?.role).toBe('dependent');
    expect(at(view, 'S1')?.role).toBe('impacted');
    expect(view.edges.every((e) => e.highlighted)).toBe(true);
    // A (S1's other supplier) has nothing to do with E.
    expect(at(view, 'A')).toBeUndefined();
  });

  it("draws the supplier's own providers too, not highlighted", () => {
    const view = supplierView(graph, 'B');
    expect(at(view, 'E')).toMatchObject({ role: 'provider', depth: 1 });
    expect(view.edges.find((e) => e.id === 'B>E')?.highlighted).toBe(false);
    expect(view.edges.find((e) => e.id === 'S1>B')?.highlighted).toBe(true);
    expect(view.impacted.map((i) => i.depth)).toEqual([1, 1]);
  });

  it('finds services through a cycle and suppliers that depend on it without a service', () => {
    const view = supplierView(graph, 'D');
    expect(view.impacted.map((i) => [i.service.id, i.depth, i.path.map((n) => n.id)])).toEqual([['S1', 3, ['S1', 'A', 'C', 'D']]]);
    expect(at(view, 'U1')?.role).toBe('dependent');
    // A is above D (through C) and beneath it (D depends on A): drawn once, as a dependent.
    expect(at(view, 'A')?.role).toBe('dependent');
    // The way up is highlighted; D's own edge back into the cycle is not on it.
    expect(
      view.edges
        .filter((e) => e.highlighted)
        .map((e) => e.id)
        .sort(),
    ).toEqual(['A>C', 'C>D', 'S1>A', 'U1>A']);
    expect(view.edges.find((e) => e.id === 'D>A')?.highlighted).toBe(false);
  });

  it('keeps every impacted service in its list when the drawing is cut to the budget', () => {
    const services = Array.from({ length: 10 }, (_, i) => service(`s${i}`, (i % 5) + 1));
    const g = buildGraph({ nodes: [supplier('X'), supplier('Y'), ...services], edges: [...services.map((s) => edge(s.id, 'X')), edge('X', 'Y')] }, whole);
    const view = supplierView(g, 'X', { budget: 5 });
    expect(view.nodes.length).toBe(5);
    expect(view.impacted.length).toBe(10);
    // The most critical services come first.
    expect(view.impacted.slice(0, 2).map((i) => i.service.criticality)).toEqual([5, 5]);
    expect(view.left).toBe(7);
    expect(at(view, 'X')?.hidden).toBe(1);
  });
});

describe('serviceView', () => {
  it('draws the whole supply chain beneath a service', () => {
    const view = serviceView(graph, 'S1');
    expect(ids(view)).toEqual(['A', 'B', 'C', 'D', 'E', 'S1']);
    expect(at(view, 'S1')?.role).toBe('focus');
    expect(at(view, 'D')).toMatchObject({ role: 'provider', depth: 3 });
    expect(view.left).toBe(0);
  });

  it('cuts the chain at the budget, nearest first, leaving "+N" on the edge', () => {
    const view = serviceView(graph, 'S1', { budget: 3 });
    expect(ids(view)).toEqual(['A', 'B', 'S1']);
    expect(at(view, 'A')?.hidden).toBe(2);
    expect(at(view, 'B')?.hidden).toBe(1);
    expect(view.left).toBe(3);
  });
});

describe('columns', () => {
  const columns = (view: View) => Object.fromEntries(drawn(view).map((n) => [n.id, n.column]));

  it('puts services left and each supplier one column right of what depends on it, by the shortest way', () => {
    expect(columns(overview(graph, { expanded: new Set(['A']) }))).toEqual({ S1: 0, S2: 0, A: 1, B: 1, C: 2, D: 3 });
    expect(columns(serviceView(graph, 'S1'))).toEqual({ S1: 0, A: 1, B: 1, C: 2, E: 2, D: 3 });
  });

  it('puts what depends on a supplier to its left, what it depends on to its right', () => {
    expect(columns(supplierView(graph, 'B'))).toEqual({ B: 0, S1: -1, S2: -1, E: 1 });
    // In the cycle A -> C -> D -> A, A depends on D (through C): it goes left, with the services.
    expect(columns(supplierView(graph, 'D'))).toEqual({ D: 0, C: -1, A: -2, S1: -3, U1: -3 });
    // U2 is beneath U1, which depends on A: it is drawn right of U1. C depends on A through D.
    expect(columns(supplierView(graph, 'A', { expanded: new Set(['U1']) }))).toEqual({ A: 0, S1: -1, D: -1, U1: -1, C: -2, U2: 0 });
  });

  it("places a supplier's own chain by its distance from the supplier, even where a service also uses it", () => {
    // S -> Y -> X -> F -> C, and S uses C directly too.
    const g = buildGraph(
      {
        nodes: [service('S', 3), supplier('Y'), supplier('X'), supplier('F'), supplier('C')],
        edges: [edge('S', 'Y'), edge('Y', 'X'), edge('X', 'F'), edge('F', 'C'), edge('S', 'C')],
      },
      whole,
    );
    expect(columns(supplierView(g, 'X'))).toEqual({ X: 0, Y: -1, S: -2, F: 1, C: 2 });
  });
});

describe('viewOf and names', () => {
  it('picks the view from the kind of the focus, the overview for an unknown one', () => {
    expect(viewOf(graph, 'S2').mode).toBe('service');
    expect(viewOf(graph, 'C').mode).toBe('supplier');
    expect(viewOf(graph, 'gone').mode).toBe('overview');
    expect(viewOf(graph, null).mode).toBe('overview');
  });

  it('names nodes with their rating or criticality', () => {
    expect(accessibleName(supplier('P', 'critical'))).toBe('Supplier P, rated critical');
    expect(accessibleName(supplier('P'))).toBe('Supplier P, not rated');
    expect(accessibleName(service('Q', 4))).toBe('Service Q, service of criticality 4');
  });
});
