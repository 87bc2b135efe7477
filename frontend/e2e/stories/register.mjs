// The register: sorting, search, filters, a supplier's score, the overdue findings.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function register({ app, page, problems }) {
  // The register: search narrows it, a supplier's page explains its score.
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('heading', { name: 'Suppliers' }).waitFor();
  // Sorted by rating, riskiest first: the one critical supplier of the demo heads the list.
  await page.locator('th', { hasText: 'Rating' }).click();
  await page.locator('th', { hasText: 'Rating' }).click();
  await page.locator('tbody tr').first().getByText('critical', { exact: true }).waitFor();
  // Optional columns are chosen from a named list, remembered across visits.
  assert.equal(await page.getByRole('columnheader', { name: 'Owner' }).count(), 0, 'the owner column starts hidden');
  await page.getByRole('button', { name: 'Columns' }).click();
  await page.getByRole('checkbox', { name: 'Owner' }).check();
  await checkLabels(page, 'register (columns)', problems);
  await page.keyboard.press('Escape');
  await page.getByRole('columnheader', { name: 'Owner' }).waitFor();
  await page.reload();
  await page.getByRole('columnheader', { name: 'Owner' }).waitFor();
  await checkLabels(page, 'register', problems);
  // The CSV export streams from the server: the whole register, header first.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export csv' }).click();
  const csv = readFileSync(await (await downloading).path(), 'utf8');
  assert.match(csv, /^\uFEFFLegal name,LEI,/);
  assert.ok(csv.includes('Passcairn Identity AB,'), 'the export holds the register');
  await page.getByLabel('Search').fill('Passcairn');
  await page.getByRole('link', { name: 'Passcairn Identity AB' }).click();
  await page.getByRole('heading', { name: 'Passcairn Identity AB' }).waitFor();
  await page
    .getByText(/Security score \d+\/100/)
    .first()
    .waitFor();
  await shot(page, 'supplier-score');
  await page.getByRole('tab', { name: /Findings/ }).click();
  await page
    .getByRole('cell', { name: /overdue|open|in progress/ })
    .first()
    .waitFor();

  // The findings board, overdue only, from the dashboard's link.
  await page.goto(`${app.base}/findings?overdue=true`);
  await page.getByRole('heading', { name: 'Findings' }).waitFor();
  await page.getByText('1-1 of 1').waitFor();
  await shot(page, 'findings-overdue');
  await checkLabels(page, 'findings', problems);
  await page.getByLabel('Mine').click();
  await page.getByText('No finding matches').waitFor();

  // Register filters: country and NIS 2 relevance.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Countries').fill('CZ');
  await page.getByLabel('NIS 2 relevant').check();
  await page.getByRole('link', { name: 'Dockside Telematix s.r.o.' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Passcairn Identity AB' }).count(), 0);
}
