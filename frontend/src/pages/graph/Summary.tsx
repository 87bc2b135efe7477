// What the dependency graph page says around the drawing: the summary of the view (with the
// register-wide figures from the server, and plainly when the server could not send the whole
// neighbourhood), the services that depend on a picked supplier, and the legend.
import { Anchor, Group, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router-dom';
import type { View } from '../../lib/graphViews';
import { accessibleName, incompleteNote, plural } from '../../lib/graphWords';
import type { GraphNode, SupplyGraph } from '../../lib/supplyGraph';
import { RATING_COLOURS, SERVICE_COLOUR, UNRATED_COLOUR } from './colours';
import classes from '../GraphView.module.css';

export const pageOf = (n: GraphNode) => (n.kind === 'service' ? `/services/${n.id}` : `/suppliers/${n.id}`);

export function Summary({ graph, view, focus }: { graph: SupplyGraph; view: View; focus: GraphNode | null }) {
  const note = incompleteNote(graph, focus);
  return (
    <Stack gap={4}>
      <Text size="sm">
        <Lead graph={graph} view={view} focus={focus} />
        {view.left > 0 &&
          ` ${plural(view.left, 'more node')} of this neighbourhood ${view.left === 1 ? 'is' : 'are'} not drawn, to keep the drawing readable: centre the graph on one of the nodes at its edge to go further.`}
      </Text>
      {note && (
        <Text size="sm" data-testid="graph-incomplete">
          <strong>Not the whole neighbourhood:</strong> {note}
        </Text>
      )}
    </Stack>
  );
}

function Lead({ graph, view, focus }: { graph: SupplyGraph; view: View; focus: GraphNode | null }) {
  const { supplierCount, unlinked, isolated } = graph.loaded;
  if (view.mode === 'overview') {
    return (
      <>
        {plural(graph.services.length, 'service')} and the suppliers they use directly; fourth parties are folded into a “+N” beside their supplier, and a
        service with many suppliers shows its riskiest ones and groups the rest.{' '}
        <strong>
          {plural(unlinked, 'supplier')} of {supplierCount.toLocaleString('en')} {unlinked === 1 ? 'is' : 'are'} not linked to any service
        </strong>{' '}
        ({isolated.toLocaleString('en')} without any dependency at all) and not drawn: find one by name to see its own neighbourhood.
      </>
    );
  }
  if (view.mode === 'service' && focus) {
    const chain = view.nodes.length - 1 + view.left;
    const beneath = graph.downComplete ? plural(chain, 'supplier') : `at least ${plural(chain, 'supplier')}`;
    return (
      <>
        The supply chain of <strong>{focus.name}</strong> (criticality {focus.criticality ?? 'not set'}): {beneath} beneath it, nearest on the left.
      </>
    );
  }
  const impacted = view.impacted.length;
  const direct = view.impacted.filter((i) => i.depth === 1).length;
  const atLeast = graph.upComplete ? '' : 'at least ';
  return (
    <>
      <strong>{accessibleName(focus!)}</strong>:{' '}
      {impacted
        ? `${atLeast}${plural(impacted, 'service')} ${impacted === 1 ? 'depends' : 'depend'} on it, ${direct} directly and ${impacted - direct} through other suppliers (highlighted in orange).`
        : graph.upComplete
          ? 'no service depends on it, directly or through other suppliers.'
          : `no service depends on it within ${plural(graph.loaded.depth, 'step')}; further up was not loaded.`}
    </>
  );
}

export function Impacted({ graph, view, focus }: { graph: SupplyGraph; view: View; focus: GraphNode }) {
  if (!view.impacted.length) return null;
  return (
    <>
      <Title order={2} size="h4">
        Services that depend on {focus.name} ({graph.upComplete ? '' : 'at least '}
        {view.impacted.length.toLocaleString('en')})
      </Title>
      <Table aria-label={`Services that depend on ${focus.name}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Service</Table.Th>
            <Table.Th>Criticality</Table.Th>
            <Table.Th>How</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {view.impacted.map((i) => (
            <Table.Tr key={i.service.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <Anchor component={Link} to={pageOf(i.service)}>
                  {i.service.name}
                </Anchor>
              </Table.Td>
              <Table.Td>{i.service.criticality ?? 'not set'}</Table.Td>
              <Table.Td>{i.depth === 1 ? 'directly' : i.path.map((n) => n.name).join(' → ')}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

/** `beyond`: the view has markers of what was not loaded ("or more", "+?"), explained here. */
export function Legend({ supplierView, beyond }: { supplierView: boolean; beyond: boolean }) {
  const swatch = (colour: string, text: string, dashed = false) => (
    <Group gap={4} key={text} wrap="nowrap">
      <span className={classes.swatch} style={{ background: colour, borderStyle: dashed ? 'dashed' : 'solid' }} aria-hidden />
      <Text size="xs">{text}</Text>
    </Group>
  );
  return (
    <Group gap="md" aria-label="Legend" role="group">
      {Object.entries(RATING_COLOURS).map(([rating, colour]) => swatch(colour, `rated ${rating}`))}
      {swatch(UNRATED_COLOUR, 'not rated')}
      {swatch(SERVICE_COLOUR, 'your service: bigger and framed thicker the more critical (1-5)')}
      {swatch('#ffffff', '+N: suppliers beneath, folded (click to draw)', true)}
      {beyond && swatch('#ffffff', '“+N or more”, “+?”: not all beneath it was loaded (“+?”: click to centre the graph on it)', true)}
      {supplierView && swatch('#e8590c', 'path from a service to the supplier you picked')}
      <Text size="xs" c="dimmed">
        Arrows point from what depends to what it depends on. Click a node to open it; Ctrl and the mouse wheel zoom, dragging moves.
      </Text>
    </Group>
  );
}
