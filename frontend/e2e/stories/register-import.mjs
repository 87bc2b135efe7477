// The register an organisation already keeps in a spreadsheet, imported: a German register of
// 500 rows (two of them suppliers the register has, two with problems), previewed, a column
// corrected and put back, committed with the rows with problems left out; the register grows
// by the new rows.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { checkLabels, here, shot } from '../harness.mjs';

const GERMAN = { DE: 'Deutschland', AT: 'Österreich', FR: 'Frankreich', NL: 'Niederlande', IT: 'Italien', ES: 'Spanien', PL: 'Polen', SE: 'Schweden' };
const COUNTRIES = Object.values(GERMAN);
const STEMS = ['Zander Datentechnik', 'Zeller Logistik', 'Zimmermann Druck', 'Zobel Beratung', 'Zollner Hosting'];
const CATEGORIES = ['Cloud hosting', 'Logistik', 'Druck', 'Beratung', 'Software'];
// Data starts on row 3, below a title and the header row; 500 rows in all.
const ROWS = 500;
const NARNIA_ROW = 250;
const BAD_MAIL_ROW = ROWS + 2;

/** Rows of a CSV text (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') field += text[++i];
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (rows.at(-1).push(field), (field = ''));
    else if (c === '\n') (rows.at(-1).push(field.replace(/\r$/, '')), rows.push([]), (field = ''));
    else field += c;
  }
  rows.at(-1).push(field);
  return rows.filter((r) => r.some((f) => f !== ''));
}

const csvLine = (cells) => cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',');

/** The register file: `matched` are suppliers of the register (by legal name and country). */
function register(matched) {
  const lines = ['Lieferantenverzeichnis 2027,,,,,', 'Firmenname,Land,Kategorie,USt-IdNr.,Vertragsende,E-Mail'];
  const fresh = [];
  for (let i = 0; i < ROWS; i++) {
    const row = i + 3;
    if (i < matched.length) {
      const m = matched[i];
      lines.push(csvLine([m.name, GERMAN[m.country] ?? m.country, `Importierte Kategorie ${i + 1}`, '', i === 0 ? '31.12.2028' : '', '']));
    } else if (row === NARNIA_ROW) {
      lines.push(csvLine(['Nirgendwo Handels GmbH', 'Narnia', 'Handel', '', '', '']));
    } else if (row === BAD_MAIL_ROW) {
      lines.push(csvLine(['Ohnepost Versand GmbH', 'Deutschland', 'Versand', '', '', 'keine-adresse']));
    } else {
      const name = `${STEMS[i % STEMS.length]} ${String(i).padStart(3, '0')} GmbH`;
      fresh.push(name);
      lines.push(
        csvLine([
          name,
          COUNTRIES[i % COUNTRIES.length],
          CATEGORIES[i % CATEGORIES.length],
          i % 5 === 0 ? `ATU${70000000 + i}` : '',
          i % 3 === 0 ? `31.12.${2027 + (i % 4)}` : '',
          i % 4 === 0 ? `einkauf@lieferant-${i}.example` : '',
        ]),
      );
    }
  }
  return { text: `${lines.join('\r\n')}\r\n`, fresh };
}

/** A Select of the wizard, whichever role the Mantine version gives its input. */
const select = (scope, name) => scope.getByRole('textbox', { name }).or(scope.getByRole('combobox', { name }));

export default async function registerImport({ app, page, problems }) {
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('heading', { name: 'Suppliers' }).waitFor();
  const range = page.locator('[data-range]');
  await range.filter({ hasText: /^1-\d+ of \d+$/ }).waitFor();
  const before = Number((await range.innerText()).split(' of ')[1]);

  // Two suppliers of the register, from its export, that no other story names.
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export csv' }).click();
  const [header, ...exported] = parseCsv(readFileSync(await (await downloading).path(), 'utf8').replace(/^\uFEFF/, ''));
  const [nameAt, countryAt] = [header.indexOf('Legal name'), header.indexOf('Country')];
  const stories = readdirSync(join(here, 'stories'))
    .map((f) => readFileSync(join(here, 'stories', f), 'utf8'))
    .join('\n');
  const matched = exported
    .map((r) => ({ name: r[nameAt], country: r[countryAt] }))
    .filter((s) => /^[A-Z][A-Za-z0-9 .&-]+$/.test(s.name) && /^[A-Z]{2}$/.test(s.country) && !stories.includes(s.name))
    .slice(-2);
  assert.equal(matched.length, 2, `two suppliers to match in the export: ${exported.length} rows`);
  const { text, fresh } = register(matched);
  const folder = mkdtempSync(join(tmpdir(), 'chainward-register-'));
  const file = join(folder, 'lieferanten-2027.csv');
  writeFileSync(file, text);

  try {
    // The analyst uploads it: nothing is written yet, the preview says what the import does.
    await page.getByRole('button', { name: 'Import register' }).click();
    const wizard = page.getByRole('dialog', { name: 'Import a supplier register' });
    // A file whose headers name no supplier is refused in words.
    const notes = { name: 'notizen.csv', mimeType: 'text/csv', buffer: Buffer.from('Wer,Wo,Was\r\nDelta GmbH,DE,Hosting\r\n') };
    await wizard.locator('input[type="file"]').setInputFiles(notes);
    await wizard
      .getByRole('alert')
      .getByText(/no sheet has a header row naming its suppliers/)
      .waitFor();
    await wizard.locator('input[type="file"]').setInputFiles(file);
    const counts = wizard.locator('[data-counts]');
    const badge = (words) => counts.getByText(words, { exact: true });
    await badge(`${fresh.length} new`).waitFor({ timeout: 60_000 });
    assert.equal(fresh.length, 496);
    await badge('2 changed').waitFor();
    await badge('0 unchanged').waitFor();
    await badge('2 with problems').waitFor();
    await wizard.getByText('Suppliers: sheet "csv", headers on row 2; 6 of 6 columns imported.').waitFor();
    // Each column is read as its German header says.
    for (const [column, header, field] of [
      ['A', 'Firmenname', 'Legal name'],
      ['B', 'Land', 'Country'],
      ['C', 'Kategorie', 'Category'],
      ['D', 'USt-IdNr.', 'VAT number'],
      ['E', 'Vertragsende', 'Contract end'],
      ['F', 'E-Mail', 'Contact e-mail'],
    ])
      assert.equal(await select(wizard, `Column ${column} (${header}) read as`).inputValue(), field);
    // It opens on the changed rows: matched by legal name and country, each change from -> to.
    const rows = wizard.getByRole('table', { name: 'Rows of the file' });
    const first = rows.locator('tbody tr[data-row="3"]');
    await first.getByText('matched by legal name and country').waitFor();
    await first
      .getByText(/^Category: .+ → Importierte Kategorie 1/)
      .first()
      .waitFor();
    await first.getByText('(csv!C3)').waitFor();
    await first
      .getByText(/^Contract end: .+ → 2028-12-31/)
      .first()
      .waitFor();
    await rows.locator('tbody tr[data-row="4"]').getByText(matched[1].name).waitFor();
    assert.equal(await rows.locator('tbody tr[data-change="CHANGED"]').count(), 2);
    await rows.scrollIntoViewIfNeeded();
    await shot(page, 'register-import-preview');
    await checkLabels(page, 'register import (preview)', problems);

    // The rows with problems, each problem at its cell.
    await wizard.getByText('Problems (2)', { exact: true }).click();
    const narnia = rows.locator(`tbody tr[data-row="${NARNIA_ROW}"]`);
    await narnia.getByText(`csv!B${NARNIA_ROW}: "Narnia" is not a country`, { exact: false }).waitFor();
    await narnia.getByText('not imported', { exact: true }).waitFor();
    await rows
      .locator(`tbody tr[data-row="${BAD_MAIL_ROW}"]`)
      .getByText(new RegExp(`^csv!F${BAD_MAIL_ROW}: `))
      .waitFor();
    await narnia.scrollIntoViewIfNeeded();
    await shot(page, 'register-import-problems');

    // The new rows, 50 a page.
    await wizard.getByText(`New (${fresh.length})`, { exact: true }).click();
    const pager = wizard.locator('[data-range]');
    await pager.filter({ hasText: `1-50 of ${fresh.length}` }).waitFor();
    await rows.getByText(fresh[0], { exact: true }).waitFor();
    await wizard.getByRole('button', { name: 'Next' }).click();
    await pager.filter({ hasText: `51-100 of ${fresh.length}` }).waitFor();
    await rows.getByText(fresh[50], { exact: true }).waitFor();

    // A column corrected (the e-mails left out) and previewed again: the row with the bad
    // address has no problem then; put back, the preview is as it was.
    await select(wizard, 'Column F (E-Mail) read as').click();
    await page.getByRole('option', { name: 'Not imported', exact: true }).click();
    await wizard.getByText('Preview again with the corrected columns before importing.').waitFor();
    assert.ok(await wizard.getByRole('button', { name: /^Import / }).isDisabled(), 'a corrected layout is previewed before it is imported');
    await wizard.getByRole('button', { name: 'Preview again' }).click();
    await badge(`${fresh.length + 1} new`).waitFor({ timeout: 60_000 });
    await badge('1 with problems').waitFor();
    await wizard.getByText('csv: columns not imported: F ("E-Mail")').waitFor();
    await select(wizard, 'Column F (E-Mail) read as').click();
    await page.getByRole('option', { name: 'Contact e-mail', exact: true }).click();
    await wizard.getByRole('button', { name: 'Preview again' }).click();
    await badge('2 with problems').waitFor({ timeout: 60_000 });
    await badge(`${fresh.length} new`).waitFor();

    // On a phone the wizard fills the screen and its controls stay named.
    await page.setViewportSize({ width: 390, height: 844 });
    await wizard.getByText('Skip the 2 rows with problems').waitFor();
    await rows.scrollIntoViewIfNeeded();
    await shot(page, 'register-import-phone');
    await checkLabels(page, 'register import (phone)', problems);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The commit asks for the rows with problems to be skipped, then writes the rest at once.
    const commit = wizard.getByRole('button', { name: `Import ${fresh.length + 2} suppliers` });
    assert.ok(await commit.isDisabled(), 'rows with problems must be skipped knowingly');
    await wizard.getByLabel('Skip the 2 rows with problems').check();
    await commit.click();
    const result = wizard.locator('[data-committed]');
    await result.getByText(`${fresh.length} suppliers added, 2 changed; 2 rows with problems left out.`).waitFor({ timeout: 60_000 });
    await shot(page, 'register-import-committed');
    await checkLabels(page, 'register import (committed)', problems);
    await wizard.getByRole('button', { name: 'Done' }).click();
    await wizard.waitFor({ state: 'detached' });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }

  // The register grew by the new rows; an imported supplier, a changed one, and none of the
  // rows with problems.
  await range.filter({ hasText: new RegExp(` of ${before + fresh.length}$`) }).waitFor();
  await page.getByLabel('Search').fill(fresh[123]);
  await page.getByRole('link', { name: fresh[123] }).waitFor();
  await page.getByLabel('Search').fill(matched[0].name);
  await page.getByRole('row', { name: new RegExp(`${matched[0].name.replace(/[.&]/g, '\\$&')}.*Importierte Kategorie 1`) }).waitFor();
  await page.getByLabel('Search').fill('Nirgendwo Handels');
  await page.getByText('No supplier matches').waitFor();
  await page.getByLabel('Search').fill('');
  await range.filter({ hasText: new RegExp(`^1-20 of ${before + fresh.length}$`) }).waitFor();
  await shot(page, 'register-imported');
}
