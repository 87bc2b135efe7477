// Services, their supply chain, and the dependency graph.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function servicesGraph({ app, page, problems }) {
  // Services: single points of failure, and one service's supply chain with what it inherits.
  await page.getByRole('link', { name: 'Services' }).click();
  await page.getByText(/single point\(s\) of failure/).waitFor();
  await page.getByRole('link', { name: 'Customer portal' }).click();
  await page.getByText('inherited open findings').waitFor();
  await page.getByRole('cell', { name: /Customer portal → Stratoforge Cloud B\.V\. → Nightbeacon/ }).waitFor();
  await shot(page, 'service-supply-chain');

  // The dependency graph, as neighbourhoods. The page downloads only the portion it draws, never
  // the whole graph; the checks below work out what it should show from the whole graph, asked
  // for apart. The overview: services and the suppliers they use directly; the suppliers no
  // service reaches are one line (the server's count), not drawn.
  const whole = [];
  const watch = (r) => r.url().endsWith('/graphql') && r.postData()?.includes('supplyChainGraph') && whole.push(r.url());
  page.on('request', watch);
  const loaded = page.waitForResponse((r) => r.url().endsWith('/graphql') && !!r.request().postData()?.includes('supplyChainNeighbourhood'));
  await page.getByRole('link', { name: 'Dependency graph' }).click();
  const answer = await loaded;
  const portion = (await answer.json()).data.supplyChainNeighbourhood;
  assert.equal(portion.complete, true, 'the demo register fits in one portion');
  const graph = await wholeGraph(app, answer.request().headers().authorization);
  const canvas = page.getByRole('img', { name: /^Dependency graph: \d+ services, \d+ suppliers and \d+ dependencies drawn/ });
  await canvas.waitFor();
  const expected = graphFacts(graph);
  const unlinked = expected.unlinked.size;
  await page
    .getByText(`${unlinked} supplier${unlinked === 1 ? ' ' : 's '}of ${expected.suppliers} ${unlinked === 1 ? 'is' : 'are'} not linked to any service`)
    .waitFor();
  assert.equal(await page.getByTestId('graph-incomplete').count(), 0, 'a whole portion is not said to be cut');
  const drawnNow = Number(await canvas.getAttribute('data-nodes'));
  assert.ok(
    drawnNow > expected.services && drawnNow < graph.nodes.length,
    `the overview draws services and direct suppliers only: ${drawnNow} of ${graph.nodes.length}`,
  );
  for (const id of expected.unlinked) assert.equal(await drawnLink(page, graph, id).count(), 0, `${name(graph, id)} is linked to no service and not drawn`);
  await shot(page, 'dependency-graph-overview');
  await checkLabels(page, 'dependency graph', problems);

  // Fourth parties are folded into a "+N" beside their supplier: Nightbeacon, which no service
  // uses directly, is drawn only once Stratoforge's "+N" is opened, and gone again when folded.
  const nightbeaconId = graph.nodes.find((n) => n.name.startsWith('Nightbeacon')).id;
  assert.equal(await drawnLink(page, graph, nightbeaconId).count(), 0, 'a fourth party starts folded');
  await page.getByRole('button', { name: /^\+\d+: draw the \d+ suppliers? beneath Stratoforge Cloud B\.V\.$/ }).click();
  await drawnLink(page, graph, nightbeaconId).waitFor();
  await page.getByRole('button', { name: 'Fold the suppliers beneath Stratoforge Cloud B.V.' }).click();
  await drawnLink(page, graph, nightbeaconId).waitFor({ state: 'detached' });

  // A fourth party that no service uses directly: every service that depends on it through other
  // suppliers is listed with its path, and drawn.
  const nightbeacon = await pickInGraph(page, 'Nightbeacon');
  const impacted = page.getByRole('table', { name: `Services that depend on ${nightbeacon}` });
  await impacted.waitFor();
  const listed = (await impacted.locator('tbody tr td:first-child').allInnerTexts()).sort();
  assert.deepEqual(listed, expected.servicesAbove(nightbeaconId).sort(), 'every service that depends on it, and no other');
  await impacted.getByRole('row', { name: /^Website 2 Website → Stratoforge Cloud B\.V\. → Nightbeacon/ }).waitFor();
  for (const service of listed)
    await page
      .getByRole('table', { name: 'Suppliers and services drawn in the graph' })
      .getByRole('link', { name: new RegExp(`^${service}, service`) })
      .waitFor();
  await shot(page, 'dependency-graph-fourth-party');
  await checkLabels(page, 'dependency graph of a supplier', problems);

  // One service: its whole supply chain, the cycle through Stratoforge and Nightbeacon included.
  await pickInGraph(page, 'Customer portal');
  await page.getByRole('img', { name: /^Dependency graph around Customer portal: / }).waitFor();
  const chain = expected.beneath(graph.nodes.find((n) => n.name === 'Customer portal').id);
  const rows = page.getByRole('table', { name: 'Suppliers and services drawn in the graph' }).locator('tbody tr');
  assert.equal(await rows.count(), chain.size, 'the service and everything beneath it');
  await drawnLink(page, graph, nightbeaconId).waitFor();
  await shot(page, 'dependency-graph-service');
  // A link of the list opens the supplier, from the keyboard too.
  await page.getByRole('link', { name: /^Passcairn Identity AB, rated critical$/ }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('heading', { name: 'Passcairn Identity AB' }).waitFor();

  // A supplier without any dependency is a neighbourhood of one node, drawn in the middle: a
  // click on it in the drawing opens it.
  await page.goBack();
  const alone = graph.nodes.find((n) => n.kind === 'supplier' && !expected.providers.has(n.id) && !expected.dependents.has(n.id));
  await pickInGraph(page, alone.name);
  await page.getByText(`${alone.name}, ${alone.rating ? `rated ${alone.rating}` : 'not rated'}: no service depends on it`).waitFor();
  const drawing = page.getByRole('img', { name: new RegExp(`^Dependency graph around `) });
  assert.equal(await drawing.getAttribute('data-nodes'), '1');
  const box = await drawing.boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.getByRole('heading', { name: alone.name }).waitFor();

  // A register too large for one answer (here: the server asked for at most 42 nodes, which
  // holds the services and the suppliers they use directly, one step): the page says plainly
  // that it shows part of the neighbourhood, and marks "+?" the suppliers whose own suppliers
  // did not come, rather than show them with nothing beneath.
  await cutPortions(page, 42);
  await page.goto(`${app.base}/graph`);
  await page
    .getByText(
      /^Not the whole neighbourhood: Showing 42 nodes: the services and what lies up to 1 step beneath them(; [\d,]+ more nodes? one step further (was|were) left out)?\./,
    )
    .waitFor();
  await page.getByText(`${unlinked} suppliers of ${expected.suppliers} are not linked to any service`).waitFor();
  const list = page.getByRole('table', { name: 'Suppliers and services drawn in the graph' });
  await list.getByText('its own suppliers were not loaded', { exact: false }).first().waitFor();
  await list.getByRole('row', { name: /^Customer portal, service .* uses \d+ suppliers directly/ }).waitFor();
  assert.equal(await list.getByRole('button', { name: /^\+\d+: draw the/ }).count(), 0, 'no "+N" is said to be exact');
  await shot(page, 'dependency-graph-cut');
  await checkLabels(page, 'dependency graph cut short', problems);
  // One node fewer: the server cuts the first step to the worst rated suppliers, and what the
  // services use directly is counted "at least".
  await cutPortions(page, 41);
  await page.reload();
  await page
    .getByText(
      /^Not the whole neighbourhood: Showing 41 nodes: the services and what lies up to 1 step beneath them; 1 more node one step further was left out/,
    )
    .waitFor();
  await list.getByRole('row', { name: /^Customer portal, service .* uses at least \d+ suppliers directly/ }).waitFor();
  await page.unroute('**/graphql');
  page.off('request', watch);
  assert.deepEqual(whole, [], 'the graph page never downloads the whole graph');
}

/** Asks the server for portions of the graph of at most `maxNodes`, as on a large register. */
async function cutPortions(page, maxNodes) {
  await page.unroute('**/graphql');
  await page.route('**/graphql', (route) => {
    const body = route.request().postDataJSON();
    if (!body?.query?.includes('supplyChainNeighbourhood')) return route.continue();
    return route.continue({ postData: JSON.stringify({ ...body, variables: { ...body.variables, maxNodes } }) });
  });
}

/** The whole graph, from the export for GRC tools, as `authorization` (the page's header). */
export async function wholeGraph(app, authorization) {
  const response = await fetch(`${app.base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: authorization },
    body: JSON.stringify({ query: '{ supplyChainGraph(format: JSON) { content } }' }),
  });
  const result = await response.json();
  assert.ok(!result.errors, JSON.stringify(result.errors));
  return JSON.parse(result.data.supplyChainGraph.content);
}

/** Picks a supplier or service by name in the graph's search box; returns the full name. */
export async function pickInGraph(page, text) {
  const search = page.getByRole('textbox', { name: 'Find a supplier or service' }).or(page.getByRole('combobox', { name: 'Find a supplier or service' }));
  await search.click();
  await search.fill(text);
  const option = page.getByRole('option', { name: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) }).first();
  const chosen = (await option.locator('p').first().innerText()).trim();
  await option.click();
  await page.getByRole('img', { name: new RegExp(`^Dependency graph around ${chosen.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`) }).waitFor();
  return chosen;
}

const name = (graph, id) => graph.nodes.find((n) => n.id === id)?.name;

/** The link of node `id` in the list of what is drawn. */
function drawnLink(page, graph, id) {
  return page.getByRole('table', { name: 'Suppliers and services drawn in the graph' }).locator(`a[href$="/${id}"]`);
}

/** What the graph page should show, worked out from the graph's JSON independently of the portal. */
export function graphFacts(graph) {
  const providers = new Map();
  const dependents = new Map();
  for (const { dependent, provider } of graph.edges) {
    providers.set(dependent, [...(providers.get(dependent) ?? []), provider]);
    dependents.set(provider, [...(dependents.get(provider) ?? []), dependent]);
  }
  const walk = (start, next) => {
    const seen = new Set(start);
    const queue = [...start];
    while (queue.length) for (const n of next.get(queue.shift()) ?? []) if (!seen.has(n) && seen.add(n)) queue.push(n);
    return seen;
  };
  const services = graph.nodes.filter((n) => n.kind === 'service');
  const reached = walk(
    services.map((s) => s.id),
    providers,
  );
  const kind = new Map(graph.nodes.map((n) => [n.id, n]));
  return {
    services: services.length,
    suppliers: graph.nodes.length - services.length,
    unlinked: new Set(graph.nodes.filter((n) => n.kind === 'supplier' && !reached.has(n.id)).map((n) => n.id)),
    servicesAbove: (id) => [...walk([id], dependents)].filter((n) => n !== id && kind.get(n).kind === 'service').map((n) => kind.get(n).name),
    beneath: (id) => walk([id], providers),
    providers,
    dependents,
  };
}
