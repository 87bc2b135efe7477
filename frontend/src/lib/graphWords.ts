// The dependency graph's nodes and counts in words, for the drawing, its list and screen
// readers. A count is said to be exact only when everything it counts was loaded: otherwise
// "+3 or more", "at least 3", or "+?" where nothing loaded is left to draw but more may lie
// beyond (its own view shows it).
import type { ClusterNode, DrawnNode, View } from './graphViews';
import { type GraphNode, type Rating, RISK_ORDER, type SupplyGraph } from './supplyGraph';

/** "1 supplier", "2,000 suppliers". */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/** How a node is named to a screen reader and in the list beside the graph. */
export function accessibleName(n: GraphNode): string {
  if (n.kind === 'service') return n.criticality ? `${n.name}, service of criticality ${n.criticality}` : `${n.name}, service`;
  return n.rating ? `${n.name}, rated ${n.rating}` : `${n.name}, not rated`;
}

/** The marker beside a drawn supplier for what lies beneath it undrawn: "+3" when that is all
 * there is, "+3 or more" when not everything beneath it was loaded, "+?" when nothing loaded
 * is left to draw but its own suppliers were not loaded, null when there is nothing more (as
 * far as anyone knows; a node drawn beneath it carries its own marker) or it is the focus,
 * whose own neighbourhood this is. */
export function moreLabel(n: DrawnNode): string | null {
  if (n.node.kind !== 'supplier') return null;
  if (n.hidden > 0) return `+${n.hidden.toLocaleString('en')}${n.partial ? ' or more' : ''}`;
  return n.atEdge && !n.expanded && n.role !== 'focus' ? '+?' : null;
}

/** What the marker does, in words (its title and its button's name). */
export function moreAction(n: DrawnNode): string {
  const label = moreLabel(n);
  if (label === '+?') return `+?: what ${n.node.name} depends on was not all loaded; centre the graph on it to see`;
  if (n.partial) return `${label}: draw the ${plural(n.hidden, 'supplier')} loaded beneath ${n.node.name}; more lie beyond what was loaded`;
  return `${label}: draw the ${plural(n.hidden, 'supplier')} beneath ${n.node.name}`;
}

/** The marker's tooltip in the drawing. */
export function moreTitle(n: DrawnNode): string {
  if (moreLabel(n) === '+?') return `What ${n.node.name} depends on was not all loaded. Click to centre the graph on it.`;
  if (n.partial) return `${n.hidden.toLocaleString('en')} or more suppliers beneath ${n.node.name} (not all were loaded). Click to draw those loaded.`;
  return `${plural(n.hidden, 'supplier')} beneath ${n.node.name}. Click to draw them.`;
}

/** A marker that cannot open anything more here: the click centres the graph on the node. */
export const centresOnClick = (n: DrawnNode) => moreLabel(n) === '+?';

/** "+12 more suppliers" (or "+12 or more suppliers") and what they are rated, worst first. */
export function clusterLabel(c: ClusterNode): string {
  const ratings = (Object.keys(RISK_ORDER) as (Rating | 'unrated')[])
    .filter((r) => c.ratings[r])
    .map((r) => `${c.ratings[r]} ${r === 'unrated' ? 'not rated' : r}`);
  const count = c.partial ? `+${c.count.toLocaleString('en')} or more suppliers` : `+${plural(c.count, 'more supplier')}`;
  return `${count}\n${ratings.join(', ')}`;
}

/** What a drawn node is to the view, in words: "depends on it through 2 suppliers". */
export function describeNode(n: DrawnNode, mode: View['mode'], graph: SupplyGraph): string {
  const beyond = n.atEdge && n.role !== 'focus' ? '; its own suppliers were not loaded: centre the graph on it to see them' : '';
  return relation(n, mode, graph) + beyond;
}

function relation(n: DrawnNode, mode: View['mode'], graph: SupplyGraph): string {
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
      return `uses ${graph.walkedDown.has(n.id) ? '' : 'at least '}${plural(direct, 'supplier')} directly`;
    }
    case 'supplier': {
      const users = (graph.dependents.get(n.id) ?? []).map((d) => graph.nodes.get(d)!).filter((d) => d.kind === 'service');
      return `used directly by ${users.map((u) => u.name).join(', ')}`;
    }
    case 'beneath':
      return `fourth party, ${n.depth} steps down`;
  }
}

/** What the page holds of the neighbourhood when the server could not send all of it, in
 * plain words (after "Not the whole neighbourhood:"); null when it is whole (everything within
 * reach of the focus or the services). */
export function incompleteNote(graph: SupplyGraph, focus: GraphNode | null): string | null {
  const { loaded } = graph;
  if (loaded.complete) return null;
  const around = focus
    ? `${focus.name} and what lies up to ${plural(loaded.depth, 'step')} from it, both ways`
    : `the services and what lies up to ${plural(loaded.depth, 'step')} beneath them`;
  const cut = loaded.leftOut ? `; ${plural(loaded.leftOut, 'more node')} one step further ${loaded.leftOut === 1 ? 'was' : 'were'} left out` : '';
  return (
    `Showing ${plural(graph.nodes.size, 'node')}: ${around}${cut}. ` +
    'Counts marked “or more” or “at least” may be higher, and “+?” marks a supplier whose own suppliers were not loaded: centre the graph on a node to see beyond it.'
  );
}
