// A portion as the server sends it, and counts that stay honest about what it left out.
import { describe, expect, it } from 'vitest';
import { type DrawnNode, type View, clusterId, overview, serviceView, supplierView } from './graphViews';
import { clusterLabel, describeNode, incompleteNote, moreAction, moreLabel, moreTitle } from './graphWords';
import { type GraphEdge, type Loaded, type PortionData, buildGraph, fromPortion } from './supplyGraph';

type Node = PortionData['nodes'][number];
const service = (id: string, criticality = 3): Node => ({ id, kind: 'SERVICE', name: `Service ${id}`, criticality });
const supplier = (id: string, rating: Node['rating'] = null): Node => ({ id, kind: 'SUPPLIER', name: `Supplier ${id}`, rating });
const edge = (dependent: string, provider: string): GraphEdge => ({ dependent, provider });
const register = { supplierCount: 1000, unlinked: 400, isolated: 150 };
/** What the server says beside the nodes: whole unless told otherwise. */
const portion = (nodes: Node[], edges: GraphEdge[], facts: Partial<Omit<Loaded, 'focus'>> = {}): PortionData => ({
  nodes,
  edges,
  complete: true,
  depth: 20,
  leftOut: 0,
  ...register,
  ...facts,
});

const drawn = (view: View) => view.nodes.filter((n): n is DrawnNode => n.type === 'node');
const at = (view: View, id: string) => drawn(view).find((n) => n.id === id)!;

describe('fromPortion', () => {
  it("maps the API's enums to the forms the page uses and keeps the register-wide figures", () => {
    const g = fromPortion(portion([service('S', 5), supplier('A', 'CRITICAL'), supplier('B')], [edge('S', 'A')]), null);
    expect(g.nodes.get('S')).toEqual({ id: 'S', kind: 'service', name: 'Service S', criticality: 5, rating: null });
    expect(g.nodes.get('A')).toMatchObject({ kind: 'supplier', rating: 'critical' });
    expect(g.nodes.get('B')?.rating).toBeNull();
    expect(g.loaded).toEqual({ focus: null, complete: true, depth: 20, leftOut: 0, ...register });
    expect(g.downComplete && g.upComplete).toBe(true);
  });
});

// The overview of a register the server cut two steps beneath the services: S uses A and B; A
// uses C (two steps down, so the server did not walk on from C: whatever C uses is not here).
// B uses nothing (one step down: walked, so that is all there is).
const cut = fromPortion(
  portion([service('S'), supplier('A', 'HIGH'), supplier('B'), supplier('C')], [edge('S', 'A'), edge('S', 'B'), edge('A', 'C')], { complete: false, depth: 2 }),
  null,
);

describe('what was walked', () => {
  it('knows the suppliers of every node fewer steps down than the server walked, and no others', () => {
    expect([...cut.walkedDown].sort()).toEqual(['A', 'B', 'S']);
    expect(cut.downComplete).toBe(false);
    // A whole portion: everything beneath the services was walked on from.
    const whole = fromPortion(portion([service('S'), supplier('A'), supplier('C')], [edge('S', 'A'), edge('A', 'C')], { depth: 3 }), null);
    expect([...whole.walkedDown].sort()).toEqual(['A', 'C', 'S']);
    expect(whole.downComplete).toBe(true);
  });

  it('tells the directions apart around a focus: whole beneath, cut above', () => {
    // Two steps each way from F: D depends on F and S on D (S, two steps up, was not walked on
    // from); F uses P, which uses nothing (walked: one step down).
    const g = fromPortion(
      portion([supplier('F'), supplier('D'), service('S'), supplier('P')], [edge('D', 'F'), edge('S', 'D'), edge('F', 'P')], { complete: false, depth: 2 }),
      'F',
    );
    expect(g.downComplete).toBe(true);
    expect(g.upComplete).toBe(false);
  });

  it('knows nothing whole when the server had to cut the first step', () => {
    const g = fromPortion(portion([service('S'), supplier('A')], [edge('S', 'A')], { complete: false, depth: 1, leftOut: 7 }), null);
    expect(g.walkedDown.size).toBe(0);
    expect(g.downComplete).toBe(false);
    // The service's cluster of suppliers may be larger than what came.
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const wide = fromPortion(
      portion(
        [service('S'), ...many.map((m) => supplier(m))],
        many.map((m) => edge('S', m)),
        { complete: false, depth: 1, leftOut: 7 },
      ),
      null,
    );
    const view = overview(wide);
    const cluster = view.nodes.find((n) => n.type === 'cluster');
    expect(cluster).toMatchObject({ id: clusterId('S'), count: 4, partial: true });
    expect(clusterLabel(cluster as never).split('\n')[0]).toBe('+4 or more suppliers');
    expect(describeNode(at(view, 'S'), 'overview', wide)).toBe('uses at least 8 suppliers directly');
  });
});

describe('honest "+N"', () => {
  it('says "+N" only when everything beneath was loaded, "+N or more" otherwise', () => {
    const view = overview(cut);
    // Beneath A: C, and whatever C uses, which did not come.
    expect(at(view, 'A')).toMatchObject({ hidden: 1, partial: true, atEdge: false });
    expect(moreLabel(at(view, 'A'))).toBe('+1 or more');
    expect(moreAction(at(view, 'A'))).toBe('+1 or more: draw the 1 supplier loaded beneath Supplier A; more lie beyond what was loaded');
    expect(moreTitle(at(view, 'A'))).toMatch(/^1 or more suppliers beneath Supplier A \(not all were loaded\)/);
    // B was walked on from and uses nothing: no marker at all.
    expect(at(view, 'B')).toMatchObject({ hidden: 0, partial: false });
    expect(moreLabel(at(view, 'B'))).toBeNull();
    // Services never carry one.
    expect(moreLabel(at(view, 'S'))).toBeNull();
  });

  it('marks "+?" a supplier at the edge of what was loaded, and drops it once opened', () => {
    const open = overview(cut, { expanded: new Set(['A']) });
    expect(at(open, 'C')).toMatchObject({ role: 'beneath', hidden: 0, partial: true, atEdge: true });
    expect(moreLabel(at(open, 'C'))).toBe('+?');
    expect(moreAction(at(open, 'C'))).toMatch(/^\+\?: what Supplier C depends on was not all loaded; centre the graph on it/);
    expect(describeNode(at(open, 'C'), 'overview', cut)).toBe(
      'fourth party, 2 steps down; its own suppliers were not loaded: centre the graph on it to see them',
    );
    // A is open: everything loaded beneath it is drawn, and its marker is gone.
    expect(moreLabel(at(open, 'A'))).toBeNull();
  });

  it('keeps an exact "+N" exact', () => {
    const g = fromPortion(portion([service('S'), supplier('A'), supplier('C'), supplier('E')], [edge('S', 'A'), edge('A', 'C'), edge('C', 'E')]), null);
    const view = overview(g);
    expect(moreLabel(at(view, 'A'))).toBe('+2');
    expect(moreAction(at(view, 'A'))).toBe('+2: draw the 2 suppliers beneath Supplier A');
    expect(describeNode(at(view, 'S'), 'overview', g)).toBe('uses 1 supplier directly');
  });

  it("marks what depends on a supplier: the server brought only the way up, not the dependents' other suppliers", () => {
    // Whole both ways from F; D depends on F but what else D uses was not walked.
    const g = fromPortion(
      portion([service('S'), supplier('D'), supplier('F'), supplier('P')], [edge('S', 'D'), edge('D', 'F'), edge('F', 'P')], { depth: 3 }),
      'F',
    );
    const view = supplierView(g, 'F');
    expect(moreLabel(at(view, 'D'))).toBe('+?');
    // P is F's own supplier, walked on from: nothing beneath it.
    expect(moreLabel(at(view, 'P'))).toBeNull();
    // The focus never carries "+?": this is its own neighbourhood.
    expect(moreLabel(at(view, 'F'))).toBeNull();
    expect(incompleteNote(g, g.nodes.get('F')!)).toBeNull();
  });
});

describe('incompleteNote', () => {
  it('says plainly how much of the neighbourhood was loaded', () => {
    expect(incompleteNote(cut, null)).toBe(
      'Showing 4 nodes: the services and what lies up to 2 steps beneath them. Counts marked “or more” or “at least” may be higher, and “+?” marks a supplier whose own suppliers were not loaded: centre the graph on a node to see beyond it.',
    );
    const g = fromPortion(portion([service('S'), supplier('A')], [edge('S', 'A')], { complete: false, depth: 1, leftOut: 7 }), 'S');
    expect(incompleteNote(g, g.nodes.get('S')!)).toMatch(
      /^Showing 2 nodes: Service S and what lies up to 1 step from it, both ways; 7 more nodes one step further were left out\. /,
    );
  });

  it('counts a service view short when its chain was cut', () => {
    const g = buildGraph(
      { nodes: cut.services.concat([...cut.nodes.values()].filter((n) => n.kind === 'supplier')), edges: [edge('S', 'A'), edge('S', 'B'), edge('A', 'C')] },
      { ...cut.loaded, focus: 'S' },
    );
    expect(g.downComplete).toBe(false);
    // Only C, at the edge, carries a marker: A's unknown lies beneath C, which is drawn.
    expect(drawn(serviceView(g, 'S')).map((n) => [n.id, moreLabel(n)])).toEqual([
      ['S', null],
      ['A', null],
      ['B', null],
      ['C', '+?'],
    ]);
  });
});
