// Reports as files: a scored supplier's report and the board report as PDF, the NIS 2 audit
// pack of the last twelve months as a zip whose manifest.csv holds the SHA-256 of every file;
// the page stays usable while a report is made, and a backwards or too long period is named on
// its field in the server's words. A viewer (the demo auditor) downloads too.
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

/** A local day as the date inputs write it. */
const isoDay = (d) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** The portal's default period: the day after the same date a year ago, up to today. */
function lastTwelveMonths() {
  const today = new Date();
  const year = today.getFullYear() - 1;
  const day = Math.min(today.getDate(), new Date(year, today.getMonth() + 1, 0).getDate());
  return { from: isoDay(new Date(year, today.getMonth(), day + 1)), until: isoDay(today) };
}

/** Clicks `button` and returns the file the browser saved: its suggested name and bytes. */
async function downloaded(page, button) {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await download;
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

/** A PDF the portal saved: a PDF by its header, and more than a title page. */
function assertPdf({ name, bytes }, what) {
  assert.match(name, /\.pdf$/, `${what}: a .pdf file name, saw ${name}`);
  assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-', `${what}: starts as a PDF`);
  assert.ok(bytes.length > 10_000, `${what}: more than 10 KB, saw ${bytes.length} bytes`);
}

/** The files of a zip, read through its central directory (stored or deflated entries). */
function unzip(zip) {
  let end = zip.length - 22;
  while (end >= 0 && zip.readUInt32LE(end) !== 0x06054b50) end -= 1;
  assert.ok(end >= 0, 'the zip has a central directory');
  const files = new Map();
  let at = zip.readUInt32LE(end + 16);
  for (let i = zip.readUInt16LE(end + 10); i > 0; i -= 1) {
    assert.equal(zip.readUInt32LE(at), 0x02014b50, 'a central directory entry');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const [nameLength, extraLength, commentLength] = [28, 30, 32].map((o) => zip.readUInt16LE(at + o));
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(data, data + size);
    assert.ok(method === 0 || method === 8, `${name}: stored or deflated, saw method ${method}`);
    files.set(name, method === 8 ? inflateRawSync(raw) : raw);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

export default async function reports({ app, page, problems }) {
  // The supplier's report from its page. While the server makes it (held back here, so that
  // the busy state can be seen) the button is busy and the rest of the page stays usable.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Search').fill('Passcairn');
  await page.getByRole('link', { name: 'Passcairn Identity AB' }).click();
  await page.getByRole('heading', { name: 'Passcairn Identity AB' }).waitFor();
  await page
    .getByText(/^\d+\/100$/)
    .first()
    .waitFor();
  let release;
  const held = new Promise((resolve) => (release = resolve));
  const hold = async (route) => {
    if (!route.request().postData()?.includes('query SupplierReport')) return route.fallback();
    const response = await route.fetch();
    await held;
    await route.fulfill({ response });
  };
  await page.route('**/graphql', hold);
  const button = page.getByRole('button', { name: 'Download report (PDF)' });
  const download = page.waitForEvent('download');
  await button.click();
  await page.locator('button[data-loading]', { hasText: 'Download report (PDF)' }).waitFor();
  assert.ok(await button.isDisabled(), 'busy: not clicked twice');
  await page.getByText('Preparing the file, this can take a few seconds…').waitFor({ state: 'attached' });
  await page.getByRole('tab', { name: /^Findings/ }).click();
  await page.getByRole('tabpanel', { name: /^Findings/ }).waitFor();
  await shot(page, 'supplier-report-busy');
  await checkLabels(page, 'supplier report (busy)', problems);
  release();
  const report = await download;
  await page.unroute('**/graphql', hold);
  const supplierPdf = { name: report.suggestedFilename(), bytes: readFileSync(await report.path()) };
  assertPdf(supplierPdf, 'the supplier report');
  assert.match(supplierPdf.name, /^passcairn-identity-ab-report-\d{4}-\d{2}-\d{2}\.pdf$/);
  assert.ok(!(await button.isDisabled()), 'ready again');
  await page.getByText(`Saved ${supplierPdf.name} (`).waitFor({ state: 'attached' });
  await page.getByRole('tab', { name: 'Score explained' }).click();
  await checkLabels(page, 'supplier page (report)', problems);
  await shot(page, 'supplier-report-action');

  // The board report from the dashboard.
  await page.getByRole('link', { name: 'Dashboard' }).click();
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  const board = await downloaded(page, page.getByRole('button', { name: 'Board report (PDF)' }));
  assertPdf(board, 'the board report');
  await page.getByText(`Saved ${board.name} (`).waitFor({ state: 'attached' });
  // (The scan first: it waits for the button's label to slide back in.)
  await checkLabels(page, 'dashboard (board report)', problems);
  await shot(page, 'board-report-action');

  // The audit pack, on the audit log's page: the last twelve months by default.
  await page.getByRole('link', { name: 'Audit log' }).click();
  const section = page.getByRole('region', { name: 'NIS 2 audit pack' });
  await section.getByText('lists every file with its SHA-256').waitFor();
  const from = section.getByLabel('Period from');
  const until = section.getByLabel('Period until (inclusive)');
  const period = lastTwelveMonths();
  assert.equal(await from.inputValue(), period.from, 'from the day after the same date last year');
  assert.equal(await until.inputValue(), period.until, 'up to today');
  const zip = await downloaded(page, section.getByRole('button', { name: 'Download audit pack (zip)' }));
  assert.match(zip.name, new RegExp(`-nis2-audit-pack-${period.from}-${period.until}\\.zip$`));
  assert.equal(zip.bytes.subarray(0, 2).toString('latin1'), 'PK', 'a zip');
  assert.ok(zip.bytes.length > 10_000, `the pack is more than 10 KB, saw ${zip.bytes.length} bytes`);
  assert.ok(zip.bytes.includes('manifest.csv'), 'the pack names manifest.csv');
  await section.getByText(`Saved ${zip.name} (`).waitFor();
  await shot(page, 'audit-pack-downloaded');
  await checkLabels(page, 'audit log (audit pack)', problems);

  // Inside: the register, the tiering, the reviews, the reports of the suppliers assessed in
  // the period, the clauses and the audit log, each listed in manifest.csv with its SHA-256.
  const files = unzip(zip.bytes);
  for (const name of [
    'manifest.csv',
    'README.txt',
    '01-register/supplier-register.csv',
    '02-tiering/criteria-and-weights.csv',
    '03-reviews/review-schedule.csv',
    '05-contracts/clause-coverage-5.1.4.csv',
    '06-audit-log/audit-events.csv',
  ]) {
    assert.ok(files.has(name), `the pack holds ${name}: ${[...files.keys()].join(', ')}`);
  }
  const assessed = [...files.keys()].filter((name) => /^04-assessments\/.+\.pdf$/.test(name));
  assert.ok(assessed.length > 0, 'the reports of the suppliers assessed in the period');
  for (const name of assessed) assert.equal(files.get(name).subarray(0, 5).toString('latin1'), '%PDF-', `${name} is a PDF`);
  const listed = files
    .get('manifest.csv')
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.match(/^"?(.*?)"?,(\d+),([0-9a-f]{64})$/));
  assert.ok(
    listed.every((row) => row),
    'every manifest line is file, bytes, sha256',
  );
  assert.deepEqual(listed.map(([, name]) => name).sort(), [...files.keys()].filter((n) => n !== 'manifest.csv' && n !== 'README.txt').sort());
  for (const [, name, bytes, sha256] of listed) {
    assert.equal(files.get(name).length, Number(bytes), `${name}: its size`);
    assert.equal(createHash('sha256').update(files.get(name)).digest('hex'), sha256, `${name}: its SHA-256`);
  }

  // A backwards period: the server names the problem on the last day, in its words.
  const monthAgo = new Date();
  monthAgo.setMonth(monthAgo.getMonth() - 1);
  await from.fill(period.until);
  await until.fill(isoDay(monthAgo));
  await section.getByRole('button', { name: 'Download audit pack (zip)' }).click();
  await section.getByRole('alert').filter({ hasText: 'must not be before from' }).waitFor();
  assert.equal(await until.getAttribute('aria-invalid'), 'true', 'the error is on the last day');
  await shot(page, 'audit-pack-backwards');
  await checkLabels(page, 'audit pack (backwards)', problems);
  // Changing the period clears it; more than five years is refused the same way.
  await from.fill('2015-01-01');
  assert.equal(await section.getByRole('alert').count(), 0, 'a changed period is not wrong yet');
  await until.fill(period.until);
  await section.getByRole('button', { name: 'Download audit pack (zip)' }).click();
  await section.getByRole('alert').filter({ hasText: 'a pack covers at most five years' }).waitFor();
  // An empty day is named before anything is asked.
  await from.fill('');
  await section.getByRole('button', { name: 'Download audit pack (zip)' }).click();
  await section.getByRole('alert').filter({ hasText: 'choose the first day' }).waitFor();

  // A viewer (the demo auditor) reads, so downloads too.
  const signInAs = async (email, role) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(role, { exact: true }).waitFor();
  };
  await signInAs('auditor@northwind.example', 'viewer');
  await page.getByRole('link', { name: 'Dashboard' }).click();
  assertPdf(await downloaded(page, page.getByRole('button', { name: 'Board report (PDF)' })), "the viewer's board report");
  await page.getByRole('link', { name: 'Audit log' }).click();
  const viewerZip = await downloaded(page, section.getByRole('button', { name: 'Download audit pack (zip)' }));
  assert.equal(viewerZip.bytes.subarray(0, 2).toString('latin1'), 'PK', "the viewer's pack");
  // Back as the analyst, on the audit log as the story before left it.
  await signInAs(app.email, 'admin');
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
}
