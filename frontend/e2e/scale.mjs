// The portal at scale: `chainward serve --with-demo-data --demo-suppliers 10000` on a fresh
// SQLite database, driven in Debian's headless Chromium like e2e/run.mjs. The register (search,
// sorting by rating, paging), the dashboard (heat map and counts over all 10,000) and the
// dependency graph (a generated fourth party and the services that depend on it, a service's
// supply chain, never more than a bounded neighbourhood drawn, nor the whole graph downloaded;
// a portion the server cut short said to be one) must stay usable, with the same
// checks as the main run: no console error, every control named, no serious or critical axe-core
// violation. Timings are logged, never asserted (they depend on the machine).
// SCALE_SUPPLIERS=N tries another size.
import { join } from 'node:path';
import assert from 'node:assert/strict';

// Its own screenshot folder, so that it does not wipe the main run's (set before the harness loads).
process.env.E2E_SCREENSHOTS ??= 'screenshots/scale';
const { checkLabels, launchBrowser, shot, shots, startChainward, stopChainward } = await import('./harness.mjs');
const { graphFacts, pickInGraph } = await import('./stories/services-graph.mjs');

const SUPPLIERS = Number(process.env.SCALE_SUPPLIERS ?? 10000);
/** The graph page draws at most 200 nodes (src/lib/supplyGraph.ts BUDGET), each with at most
 * one "+N" beside it. */
const MOST_ROWS = 200;
const MOST_DRAWN = 2 * MOST_ROWS;

const timings = [];
async function timed(what, work) {
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  timings.push([what, seconds]);
  console.log(`${what}: ${seconds.toFixed(2)} s`);
  return result;
}

const app = await startChainward({ demoSuppliers: SUPPLIERS });
console.log(`seed and start with ${SUPPLIERS.toLocaleString('en')} suppliers: ${app.seedSeconds.toFixed(1)} s`);
timings.push(['seed and start', app.seedSeconds]);
const browser = await launchBrowser();
const problems = [];
let page;
try {
  // The API's own answers, to check what the pages show against.
  const token = (await graphql(`mutation { login(email: "${app.email}", password: "${app.password}") { accessToken } }`)).login.accessToken;
  const api = (query) => graphql(query, token);
  const counts = await api(`{ all: suppliers(first: 1) { totalCount } terminated: suppliers(first: 1, filter: { status: [TERMINATED] }) { totalCount } }`);
  assert.equal(counts.all.totalCount, SUPPLIERS, 'the register holds every seeded supplier');

  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  // Sign in; the dashboard counts every supplier still in the register.
  await page.goto(`${app.base}/`);
  await page.getByLabel('E-mail').fill(app.email);
  await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
  await timed('sign-in and dashboard', async () => {
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
    await page.locator('button[data-rating="unrated"]').waitFor();
  });
  await dashboardAgrees(page, SUPPLIERS - counts.terminated.totalCount);
  await shot(page, 'scale-dashboard');
  await checkLabels(page, 'dashboard at scale', problems);
  await timed('dashboard, loaded again', async () => {
    await page.reload();
    await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
    await page.locator('button[data-rating="unrated"]').waitFor();
  });

  // The register: first page, search among all, sorted by rating, paging.
  await timed('register, first page', async () => {
    await page.getByRole('link', { name: 'Suppliers' }).click();
    await page.getByText(`1-20 of ${SUPPLIERS}`).waitFor();
  });
  const wanted = `Supplier ${String(Math.min(SUPPLIERS, 7321)).padStart(5, '0')} `;
  await timed('register, search', async () => {
    await page.getByLabel('Search').fill(wanted.trim());
    await page.getByText('1-1 of 1').waitFor();
  });
  await page.getByRole('link', { name: new RegExp(`^${wanted}`) }).waitFor();
  await page.getByLabel('Search').fill('');
  await page.getByText(`1-20 of ${SUPPLIERS}`).waitFor();
  await timed('register, sorted by rating, riskiest first', async () => {
    await page.locator('th', { hasText: 'Rating' }).click();
    await page.locator('th', { hasText: 'Rating' }).click();
    await page.locator('tbody tr').first().getByText('critical', { exact: true }).waitFor();
  });
  await page.locator('tbody tr').first().getByRole('link', { name: 'Passcairn Identity AB' }).waitFor();
  await timed('register, next page', async () => {
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByText(`21-40 of ${SUPPLIERS}`).waitFor();
  });
  await page.getByRole('button', { name: 'Next' }).click();
  await page.getByText(`41-60 of ${SUPPLIERS}`).waitFor();
  await page.getByRole('button', { name: 'Previous' }).click();
  await page.getByText(`21-40 of ${SUPPLIERS}`).waitFor();
  await shot(page, 'scale-register');
  await checkLabels(page, 'register at scale', problems);

  // The dependency graph: the page downloads the portion it draws (the overview: the services and
  // what lies beneath them), never the whole graph; what it should show is worked out from the
  // whole graph, asked for apart.
  const whole = [];
  page.on('request', (r) => r.url().endsWith('/graphql') && r.postData()?.includes('supplyChainGraph') && whole.push(r.url()));
  const loaded = page.waitForResponse((r) => r.url().endsWith('/graphql') && !!r.request().postData()?.includes('supplyChainNeighbourhood'));
  const canvas = page.getByRole('img', { name: /^Dependency graph( around .+)?: / });
  const response = await timed('graph page: load and draw the overview', async () => {
    await page.getByRole('link', { name: 'Dependency graph' }).click();
    const answer = await loaded;
    await canvas.waitFor();
    return answer;
  });
  const body = await response.text();
  const portion = JSON.parse(body).data.supplyChainNeighbourhood;
  // The whole graph as GRC tools download it (streamed at any size).
  const exported = await (await fetch(`${app.base}/api/exports/graph?format=json`, { headers: { Authorization: `Bearer ${token}` } })).text();
  const graph = JSON.parse(exported);
  console.log(
    `graph page downloads ${(body.length / 1e6).toFixed(2)} MB (${portion.nodes.length.toLocaleString('en')} nodes, ${portion.complete ? 'whole' : `cut at ${portion.depth} steps`}); the whole graph is ${(exported.length / 1e6).toFixed(2)} MB for ${graph.nodes.length.toLocaleString('en')} nodes and ${graph.edges.length.toLocaleString('en')} edges`,
  );
  const facts = graphFacts(graph);
  await page.getByText(`${facts.unlinked.size.toLocaleString('en')} suppliers of ${SUPPLIERS.toLocaleString('en')} are not linked to any service`).waitFor();
  await bounded(page, canvas, 'overview');
  await shot(page, 'scale-graph-overview');
  await checkLabels(page, 'graph overview at scale', problems);

  // The busiest service's suppliers are grouped; opening the group draws every one of them.
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const busiest = graph.nodes
    .filter((n) => n.kind === 'service')
    .map((s) => ({ s, direct: (facts.providers.get(s.id) ?? []).filter((p) => byId.get(p).kind === 'supplier') }))
    .sort((a, b) => b.direct.length - a.direct.length)[0];
  await timed(`graph: draw all ${busiest.direct.length} suppliers of ${busiest.s.name}`, async () => {
    const group = page.getByRole('button', { name: new RegExp(`^Draw all \\d+ more suppliers of ${busiest.s.name}$`) });
    await group.click();
    await group.waitFor({ state: 'detached' });
  });
  const list = page.getByRole('table', { name: 'Suppliers and services drawn in the graph' });
  for (const id of busiest.direct) assert.equal(await list.locator(`a[href$="/${id}"]`).count(), 1, `${id} of ${busiest.s.name} is drawn`);
  await bounded(page, canvas, `overview with ${busiest.s.name} open`);
  await shot(page, 'scale-graph-cluster-open');

  // A generated supplier that no service uses directly but that services depend on through
  // other suppliers, and that has fourth parties of its own.
  const generated = graph.nodes
    .filter((n) => n.kind === 'supplier' && n.name.startsWith('Supplier ') && facts.providers.get(n.id)?.length)
    .filter((n) => !(facts.dependents.get(n.id) ?? []).some((d) => byId.get(d).kind === 'service'))
    .map((n) => ({ n, services: facts.servicesAbove(n.id) }))
    .filter((c) => c.services.length > 0)
    .sort((a, b) => b.services.length - a.services.length || a.n.name.localeCompare(b.n.name))[0];
  assert.ok(generated, 'the generated register has a fourth party that services depend on and that has fourth parties itself');
  const picked = await timed(`graph: pick ${generated.n.name}`, () => pickInGraph(page, generated.n.name));
  assert.equal(picked, generated.n.name);
  const impacted = page.getByRole('table', { name: `Services that depend on ${picked}` });
  const listed = (await impacted.locator('tbody tr td:first-child').allInnerTexts()).sort();
  assert.deepEqual(listed, [...generated.services].sort(), `every service that depends on ${picked}, and no other`);
  await impacted.getByRole('row', { name: / → / }).first().waitFor();
  for (const provider of facts.providers.get(generated.n.id))
    assert.equal(await list.locator(`a[href$="/${provider}"]`).count(), 1, 'its own fourth parties are drawn');
  await bounded(page, canvas, picked);
  await shot(page, 'scale-graph-supplier');
  await checkLabels(page, 'graph of a supplier at scale', problems);

  // The busiest service's whole supply chain, within the bound.
  await timed(`graph: pick ${busiest.s.name}`, () => pickInGraph(page, busiest.s.name));
  const chain = facts.beneath(busiest.s.id);
  const rows = await list.locator('tbody tr').count();
  await page.getByText(`${(chain.size - 1).toLocaleString('en')} suppliers beneath it`).waitFor();
  if (chain.size <= MOST_ROWS) assert.equal(rows, chain.size, 'the whole chain is drawn');
  else await page.getByText(`${(chain.size - rows).toLocaleString('en')} more nodes of this neighbourhood are not drawn`).waitFor();
  await bounded(page, canvas, busiest.s.name);
  await shot(page, 'scale-graph-service');
  await checkLabels(page, 'graph of a service at scale', problems);
  // And a link opens the supplier.
  const first = byId.get(busiest.direct[0]);
  await list.locator(`a[href$="/${first.id}"]`).click();
  await page.getByRole('heading', { name: first.name }).waitFor();

  // A register too large for the server's budget (here: a budget of exactly the nodes up to two
  // steps beneath the services, worked out from the whole graph): the page says it shows part of
  // the neighbourhood, and a supplier whose fourth parties were not all loaded has a "+N or
  // more", not an exact "+N".
  const services = graph.nodes.filter((n) => n.kind === 'service').map((n) => n.id);
  const step = (from) => new Set([...from, ...[...from].flatMap((n) => facts.providers.get(n) ?? [])]);
  const budget = step(step(new Set(services))).size;
  const reach = new Set(services.flatMap((s) => [...facts.beneath(s)]));
  assert.ok(budget < reach.size, 'the services reach deeper than two steps');
  await page.route('**/graphql', (route) => {
    const request = route.request().postDataJSON();
    if (!request?.query?.includes('supplyChainNeighbourhood')) return route.continue();
    return route.continue({ postData: JSON.stringify({ ...request, variables: { ...request.variables, maxNodes: budget } }) });
  });
  await timed('graph: the overview, cut short by the server', async () => {
    await page.goto(`${app.base}/graph`);
    await page.getByText(/^Not the whole neighbourhood: Showing [\d,]+ nodes: the services and what lies up to 2 steps beneath them\./).waitFor();
  });
  const partly = list.getByRole('button', { name: /^\+\d+ or more: draw the \d+ suppliers? loaded beneath / }).first();
  await partly.waitFor();
  assert.equal(await list.getByRole('button', { name: /^\+\d+: draw the/ }).count(), 0, 'no "+N" is said to be exact');
  await bounded(page, canvas, 'overview cut short');
  await shot(page, 'scale-graph-cut');
  await checkLabels(page, 'graph overview cut short at scale', problems);
  await page.unroute('**/graphql');
  assert.deepEqual(whole, [], 'the graph page never downloads the whole graph');

  assert.deepEqual(problems, [], 'no console errors, unlabelled controls or accessibility violations');
  console.log(`timings (s): ${timings.map(([what, s]) => `${what} ${s.toFixed(2)}`).join('; ')}`);
  console.log(`e2e scale passed with ${SUPPLIERS.toLocaleString('en')} suppliers; screenshots in ${shots}`);
} catch (error) {
  if (page) await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  console.error(problems.join('\n'));
  throw error;
} finally {
  await browser.close();
  stopChainward(app);
}

/** A GraphQL request to the server, as `token`'s user when given; its data, or a thrown error. */
async function graphql(query, token) {
  const response = await fetch(`${app.base}/graphql`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  const result = await response.json();
  assert.ok(!result.errors, JSON.stringify(result.errors));
  return result.data;
}

/** The rating tiles count every supplier still in the register, and the heat map agrees with
 * them rating by rating. */
async function dashboardAgrees(page, inRegister) {
  const tiles = {};
  for (const rating of ['critical', 'high', 'medium', 'low', 'unrated']) {
    tiles[rating] = Number((await page.locator(`button[data-rating="${rating}"]`).innerText()).match(/\d+/)[0]);
  }
  const total = Object.values(tiles).reduce((a, b) => a + b, 0);
  assert.equal(total, inRegister, `the rating tiles count every supplier not terminated: ${JSON.stringify(tiles)}`);
  const inCells = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const cell of await page.getByRole('table', { name: 'Risk heat map' }).locator('a[role="cell"]').all()) {
    for (const [, n, rating] of (await cell.getAttribute('aria-label')).matchAll(/(\d+) (critical|high|medium|low)/g)) inCells[rating] += Number(n);
  }
  for (const [rating, n] of Object.entries(inCells)) assert.equal(n, tiles[rating], `the heat map and the ${rating} tile agree`);
  console.log(`dashboard: ${total.toLocaleString('en')} suppliers in the register by rating ${JSON.stringify(tiles)}`);
}

/** The drawing holds a bounded neighbourhood: logged, and checked against the bound. */
async function bounded(page, canvas, what) {
  const drawn = Number(await canvas.getAttribute('data-nodes'));
  const rows = await page.getByRole('table', { name: 'Suppliers and services drawn in the graph' }).locator('tbody tr').count();
  const layout = await canvas.getAttribute('data-layout-ms');
  console.log(`graph, ${what}: ${drawn} nodes drawn (${rows} listed), layout and render ${layout} ms`);
  assert.ok(drawn > 0 && drawn <= MOST_DRAWN, `${what}: ${drawn} nodes drawn`);
  assert.ok(rows > 0 && rows <= MOST_ROWS, `${what}: ${rows} nodes listed`);
}
