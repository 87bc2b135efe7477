// The drawing of one bounded view with Cytoscape.js, laid out left to right in layers by dagre
// (services, then what they depend on). The page's list beside it is the keyboard and screen
// reader way through the same nodes; this canvas is for the eye and the mouse.
import { useEffect, useRef } from 'react';
import cytoscape, { type Core, type ElementDefinition, type StylesheetJson } from 'cytoscape';
import dagre from 'cytoscape-dagre';
import type { View } from '../../lib/graphViews';
import { accessibleName, clusterLabel, describeNode, moreLabel, moreTitle } from '../../lib/graphWords';
import type { SupplyGraph } from '../../lib/supplyGraph';
import { RATING_COLOURS, SERVICE_COLOUR, UNRATED_COLOUR } from './colours';
import classes from '../GraphView.module.css';

cytoscape.use(dagre);

/** What a click on the canvas asks the page to do. */
export type CanvasAction = { open: string } | { toggle: string };

interface Props {
  graph: SupplyGraph;
  view: View;
  /** The accessible summary of the drawing. */
  label: string;
  onAction: (action: CanvasAction) => void;
  /** The node the list points at (hovered or focused there), drawn outlined. */
  pointed: string | null;
}

/** Below this zoom labels are unreadable: the drawing starts at the top left instead of fitting. */
const READABLE_ZOOM = 0.65;
/** The drawing grows with what it shows, between these heights (px), so that a long column of
 * suppliers stays readable and the page, not the drawing, scrolls. */
const MIN_HEIGHT = 360;
const MAX_HEIGHT = 1400;
const PADDING = 24;
const MAX_NAME = 28;

const shorten = (name: string) => (name.length > MAX_NAME ? `${name.slice(0, MAX_NAME - 1)}…` : name);

function elements(view: View, graph: SupplyGraph): ElementDefinition[] {
  const out: ElementDefinition[] = [];
  for (const n of view.nodes) {
    if (n.type === 'cluster') {
      out.push({
        data: { id: n.id, label: clusterLabel(n), kind: 'cluster', column: 1, title: `${clusterLabel(n).replace('\n', ': ')}. Click to draw them.` },
      });
      continue;
    }
    const { node } = n;
    const sub = node.kind === 'service' ? `criticality ${node.criticality ?? '?'}` : node.rating ? `rated ${node.rating}` : 'not rated';
    out.push({
      data: {
        id: n.id,
        label: `${shorten(node.name)}\n${sub}`,
        kind: node.kind,
        rating: node.rating ?? 'unrated',
        criticality: node.criticality ?? 1,
        column: n.column,
        title: `${accessibleName(node)}: ${describeNode(n, view.mode, graph)}. Click to open.`,
      },
      classes: n.role,
    });
    const more = moreLabel(n);
    if (more) {
      const id = `beneath:${n.id}`;
      out.push({
        data: {
          id,
          label: more,
          kind: 'more',
          of: n.id,
          column: n.column + 1,
          // Wide enough for "+1,234 or more".
          width: Math.max(48, 16 + 8 * more.length),
          title: moreTitle(n),
        },
      });
      out.push({ data: { id: `${n.id}>${id}`, source: n.id, target: id }, classes: 'more' });
    }
  }
  for (const e of view.edges) {
    out.push({
      data: { id: e.id, source: e.source, target: e.target },
      classes: [e.highlighted ? 'highlighted' : '', e.target.startsWith('cluster:') ? 'more' : ''].join(' ').trim(),
    });
  }
  return out;
}

const style: StylesheetJson = [
  {
    selector: 'node',
    style: {
      shape: 'round-rectangle',
      width: 224,
      height: 36,
      label: 'data(label)',
      'text-wrap': 'wrap',
      'text-max-width': '214px',
      'text-valign': 'center',
      'text-halign': 'center',
      'font-size': 13,
      'font-family': 'system-ui, sans-serif',
      color: '#212529',
      'background-color': UNRATED_COLOUR,
      'border-width': 1,
      'border-color': '#868e96',
    },
  },
  ...Object.entries(RATING_COLOURS).map(([rating, colour]) => ({
    selector: `node[kind = "supplier"][rating = "${rating}"]`,
    style: { 'background-color': colour, ...(rating === 'critical' ? { color: '#ffffff' } : {}) },
  })),
  {
    // Criticality 1-5: a bigger box with a thicker frame.
    selector: 'node[kind = "service"]',
    style: {
      'background-color': SERVICE_COLOUR,
      color: '#ffffff',
      'font-weight': 'bold',
      width: 'mapData(criticality, 1, 5, 200, 250)',
      height: 'mapData(criticality, 1, 5, 32, 52)',
      'border-width': 'mapData(criticality, 1, 5, 1, 6)',
      'border-color': '#1c2a6b',
    },
  },
  {
    selector: 'node[kind = "cluster"]',
    style: { 'background-color': '#ffffff', 'border-style': 'dashed', 'border-color': '#495057', 'border-width': 1.5, height: 36 },
  },
  {
    selector: 'node[kind = "more"]',
    style: {
      shape: 'round-rectangle',
      width: 'data(width)',
      height: 24,
      'background-color': '#ffffff',
      'border-style': 'dashed',
      'border-color': '#495057',
      'font-weight': 'bold',
    },
  },
  {
    selector: 'node.focus',
    style: { 'border-width': 5, 'border-color': '#000000', 'font-size': 12, 'underlay-color': '#fcc419', 'underlay-padding': 8, 'underlay-opacity': 0.6 },
  },
  { selector: 'node.impacted', style: { 'underlay-color': '#fcc419', 'underlay-padding': 6, 'underlay-opacity': 0.6 } },
  { selector: 'node.dependent', style: { 'underlay-color': '#fcc419', 'underlay-padding': 4, 'underlay-opacity': 0.35 } },
  { selector: 'node.pointed', style: { 'overlay-color': '#1c7ed6', 'overlay-padding': 6, 'overlay-opacity': 0.25 } },
  {
    selector: 'edge',
    style: {
      width: 1.3,
      'line-color': '#adb5bd',
      'target-arrow-color': '#adb5bd',
      'target-arrow-shape': 'triangle',
      'arrow-scale': 0.8,
      'curve-style': 'bezier',
    },
  },
  { selector: 'edge.highlighted', style: { width: 3, 'line-color': '#e8590c', 'target-arrow-color': '#e8590c', 'z-index': 10 } },
  { selector: 'edge.more', style: { 'line-style': 'dashed', 'target-arrow-shape': 'none' } },
];

export default function GraphCanvas({ graph, view, label, onAction, pointed }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<Core | null>(null);
  const act = useRef(onAction);
  useEffect(() => {
    act.current = onAction;
  }, [onAction]);

  useEffect(() => {
    const box = container.current!;
    const instance = cytoscape({
      container: box,
      style,
      minZoom: 0.05,
      maxZoom: 2.5,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
      // The wheel scrolls the page; Ctrl (or Cmd) and the wheel zoom, as on a map.
      userZoomingEnabled: false,
    });
    const wheel = (e: WheelEvent) => {
      if (!e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      const rect = box.getBoundingClientRect();
      instance.zoom({ level: instance.zoom() * (e.deltaY < 0 ? 1.15 : 0.87), renderedPosition: { x: e.clientX - rect.left, y: e.clientY - rect.top } });
    };
    box.addEventListener('wheel', wheel, { passive: false });
    instance.on('tap', 'node', (e) => {
      const data = e.target.data();
      if (data.kind === 'cluster') act.current({ toggle: data.id });
      else if (data.kind === 'more') act.current({ toggle: data.of });
      else act.current({ open: data.id });
    });
    instance.on('mouseover', 'node', (e) => {
      box.title = e.target.data('title');
      box.style.cursor = 'pointer';
    });
    instance.on('mouseout', 'node', () => {
      box.title = '';
      box.style.cursor = '';
    });
    cy.current = instance;
    return () => {
      box.removeEventListener('wheel', wheel);
      instance.destroy();
      cy.current = null;
    };
  }, []);

  useEffect(() => {
    const instance = cy.current!;
    const started = performance.now();
    instance.batch(() => {
      instance.elements().remove();
      instance.add(elements(view, graph));
    });
    // Layers from the view's columns: dagre orders each column to cross as few edges as it
    // can, and only edges that point right take part (a cycle's way back is drawn, not laid out).
    const column = (id: string) => instance.getElementById(id).data('column') as number;
    const backwards = instance.edges().filter((e) => column(e.data('target')) <= column(e.data('source')));
    instance
      .elements()
      .difference(backwards)
      .layout({
        name: 'dagre',
        rankDir: 'LR',
        nodeSep: 8,
        rankSep: 64,
        edgeSep: 6,
        minLen: (e: cytoscape.EdgeSingular) => column(e.data('target')) - column(e.data('source')),
        fit: false,
        animate: false,
      } as cytoscape.LayoutOptions)
      .run();
    // Edges that do not point right (between suppliers of one column, or a cycle's way back)
    // bow out instead of running straight through the nodes between their ends: to the right,
    // or to the left between services (nothing is left of them), or downwards going back.
    backwards.forEach((e) => {
      const from = e.source().position();
      const to = e.target().position();
      const length = Math.hypot(to.x - from.x, to.y - from.y) || 1;
      // Cytoscape bends a positive distance towards this normal of the source-to-target line.
      const normal = { x: -(to.y - from.y) / length, y: (to.x - from.x) / length };
      const services = e.source().data('kind') === 'service' && e.target().data('kind') === 'service';
      const away = column(e.data('target')) < column(e.data('source')) ? { x: 0, y: 1 } : { x: services ? -1 : 1, y: 0 };
      const side = normal.x * away.x + normal.y * away.y || 1;
      e.style({
        'curve-style': 'unbundled-bezier',
        'control-point-weights': 0.5,
        'control-point-distances': Math.sign(side) * Math.min(160, 30 + length * 0.2),
      });
    });
    // The whole drawing if it fits at a readable size, the canvas as tall as that needs (within
    // bounds); otherwise a readable size around the picked node, or from the top left.
    const box = container.current!;
    const bounds = instance.elements().boundingBox();
    const room = box.clientWidth - 2 * PADDING;
    const zoom = Math.max(READABLE_ZOOM, Math.min(1, room / Math.max(bounds.w, 1), (MAX_HEIGHT - 2 * PADDING) / Math.max(bounds.h, 1)));
    box.style.height = `${Math.round(Math.min(MAX_HEIGHT, Math.max(MIN_HEIGHT, bounds.h * zoom + 2 * PADDING)))}px`;
    instance.resize();
    instance.zoom(zoom);
    const focus = instance.nodes('.focus');
    if (bounds.w * zoom <= room && bounds.h * zoom <= box.clientHeight - 2 * PADDING) instance.center();
    else if (focus.nonempty()) instance.center(focus);
    else instance.pan({ x: PADDING - bounds.x1 * zoom, y: PADDING - bounds.y1 * zoom });
    // For the browser test and for anyone measuring: what is drawn, and how long it took.
    box.dataset.nodes = String(instance.nodes().length);
    box.dataset.layoutMs = String(Math.round(performance.now() - started));
  }, [view, graph]);

  useEffect(() => {
    const instance = cy.current!;
    instance.nodes('.pointed').removeClass('pointed');
    if (pointed) instance.getElementById(pointed).addClass('pointed');
  }, [pointed, view]);

  const zoom = (factor: number) => {
    const instance = cy.current!;
    instance.zoom({ level: instance.zoom() * factor, renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 } });
  };

  return (
    <div className={classes.frame}>
      <div className={classes.tools}>
        <button type="button" className={classes.tool} onClick={() => zoom(1.25)} aria-label="Zoom in">
          +
        </button>
        <button type="button" className={classes.tool} onClick={() => zoom(0.8)} aria-label="Zoom out">
          −
        </button>
        <button type="button" className={classes.tool} onClick={() => cy.current!.fit(undefined, PADDING)} aria-label="Fit the whole drawing">
          ⤢
        </button>
      </div>
      <div ref={container} className={classes.canvas} role="img" aria-label={label} />
    </div>
  );
}
