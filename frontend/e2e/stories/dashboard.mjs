// Signing in, the dashboard and its heat map, GraphiQL from our own files.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function dashboard({ app, page, problems }) {
  // The analyst signs in; a wrong password is refused in words.
  await page.goto(`${app.base}/`);
  await page.getByLabel('E-mail').fill(app.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await shot(page, 'login-refused');
  // Signing in works from the keyboard alone.
  await page.getByLabel('E-mail').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(app.password);
  await page.keyboard.press('Enter');

  // The dashboard: heat map, ratings, campaigns and remediation of the demo.
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  await page.getByText('Logistics software baseline 2027').waitFor();
  await shot(page, 'dashboard');
  await checkLabels(page, 'dashboard', problems);
  const overdue = await page.getByRole('link', { name: /overdue/ }).innerText();
  assert.match(overdue, /^1\s/, `one overdue finding in the demo, saw ${overdue}`);

  // Each heat map cell is coloured by the worst rating of the suppliers in it (its label
  // counts them worst first), not by its place, and the dashboard's rating counts agree.
  const cells = page.getByRole('table', { name: 'Risk heat map' }).locator('a[role="cell"]');
  const perRating = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const c of await cells.all()) {
    const label = await c.getAttribute('aria-label');
    const counts = [...label.matchAll(/(\d+) (critical|high|medium|low)/g)];
    assert.ok(counts.length, `a cell names its ratings: ${label}`);
    assert.equal(await c.getAttribute('data-tone'), counts[0][2], `coloured by its worst rating: ${label}`);
    for (const [, n, rating] of counts) perRating[rating] += Number(n);
  }
  for (const [rating, n] of Object.entries(perRating)) {
    const tile = await page.locator(`button[data-rating="${rating}"]`).innerText();
    assert.equal(Number(tile.match(/\d+/)[0]), n, `the heat map and the ${rating} tile agree`);
  }

  // GraphiQL comes from Chainward itself (nothing from another host) and queries as the
  // signed-in analyst.
  const elsewhere = [];
  const offsite = (request) => {
    if (!request.url().startsWith(app.base) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url());
  };
  page.on('request', offsite);
  const posted = (text) => (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && !!r.request().postData()?.includes(text);
  const introspected = page.waitForResponse(posted('__schema'));
  await page.goto(`${app.base}/graphql`);
  assert.equal((await introspected).status(), 200, 'GraphiQL reads the schema (introspection within the depth limit)');
  await page.locator('.graphiql-query-editor').getByText('suppliers').first().waitFor();
  const answered = page.waitForResponse(posted('suppliers(first: 5)'));
  await page.getByRole('button', { name: /^Execute query/ }).click();
  const result = await (await answered).json();
  assert.ok(result.data?.suppliers?.totalCount > 0, `GraphiQL queries as the analyst: ${JSON.stringify(result).slice(0, 200)}`);
  await page.locator('.graphiql-response').getByText('"legalName"').first().waitFor();
  await shot(page, 'graphiql');
  page.off('request', offsite);
  assert.deepEqual(elsewhere, [], 'GraphiQL loads nothing from another host');
  await page.goto(`${app.base}/`);

  // A heat map cell opens the suppliers in it.
  const cell = page
    .getByRole('table', { name: 'Risk heat map' })
    .getByRole('cell', { name: /supplier/ })
    .first();
  const inCell = (await cell.getAttribute('aria-label')).match(/: (\d+) supplier/)[1];
  await cell.click();
  await page.getByText(/^Heat map: inherent \d, residual \d$/).waitFor();
  await page.getByText(`1-${inCell} of ${inCell}`).waitFor();
  await page.goto(`${app.base}/`);

  // A rating tile opens the register filtered by that rating.
  const high = await page.locator('button[data-rating="high"]').innerText();
  await page.locator('button[data-rating="high"]').click();
  await page.getByRole('heading', { name: 'Suppliers' }).waitFor();
  const count = high.match(/\d+/)[0];
  await page.getByText(`1-${count} of ${count}`).waitFor();
  await shot(page, 'register-rated-high');
}
