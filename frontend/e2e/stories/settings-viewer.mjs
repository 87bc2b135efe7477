// Settings and tokens; a viewer reads and changes nothing; the dashboard on a phone.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function settingsViewer({ app, page, problems }) {
  // Settings: an API token shown once, the remediation deadlines.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('critical').first().fill('10');
  // Who e-mails to suppliers come from and reach on reply; a wrong address is named.
  await page.getByLabel('Sender name').fill('Northwind Procurement');
  await page.getByLabel('Replies go to').fill('procurement at northwind');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('"procurement at northwind" is not an e-mail address').waitFor();
  await page.getByLabel('Replies go to').fill('procurement@northwind.example');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved').waitFor();
  await page.reload();
  assert.equal(await page.getByLabel('Sender name').inputValue(), 'Northwind Procurement');
  assert.equal(await page.getByLabel('Replies go to').inputValue(), 'procurement@northwind.example');
  await page.getByRole('tab', { name: 'API tokens' }).click();
  await page.getByLabel('Token name').fill('GRC nightly sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByText('Copy the token now: it is not shown again').waitFor();
  await shot(page, 'settings-token');
  await checkLabels(page, 'settings', problems);

  // A viewer (the demo auditor) reads everything and is offered no change.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('E-mail').fill('auditor@northwind.example');
  await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('viewer', { exact: true }).waitFor();
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('link', { name: 'Cobbleton Payments S.A.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New supplier' }).count(), 0, 'viewers cannot create suppliers');
  // A link bookmarked before statuses were typed (?status=open) still filters.
  await page.goto(`${app.base}/findings?status=open`);
  await page.getByRole('columnheader', { name: 'Finding' }).waitFor();
  await page.getByRole('cell').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'in progress' }).count(), 0, 'viewers change no finding');
  await page.goto(`${app.base}/settings`);
  await page.getByText('Only administrators change these.').waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
  await shot(page, 'viewer-settings');

  // The dashboard still reads well on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${app.base}/`);
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  await shot(page, 'dashboard-phone');
}
