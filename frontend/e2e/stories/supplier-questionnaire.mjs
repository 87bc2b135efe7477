// A supplier sends the questionnaire it already filled in (a CSA CAIQ v4, written here as CSV:
// our own texts, the real id shapes) instead of answering ours. The analyst imports it on the
// supplier's page: a blank copy is refused at recording, the filled-in one is recognised by its
// ids, its Annex A and NIS 2 coverage shown with the cell it could not read and the questions
// no crosswalk maps; recorded, it waits in review with its coverage, and a follow-up of the
// shipped Annex A questionnaire asks only what it did not cover.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

const SUPPLIER = 'Alpenwolke Rechenzentrum AG';
const ANNEX_A = 'ISO/IEC 27001:2022 Annex A in-depth assessment';

/** The CAIQ's questions in our own words, and the answers the supplier gave. AIS-03 and GRC-02
 * are CCM controls no Annex A control fits (deliberately not mapped); "Maybe" is no answer. */
const CAIQ = [
  ['A&A-01.1', 'Is there an audit and assurance policy, reviewed at least once a year?', 'Yes'],
  ['A&A-02.1', 'Is an independent audit of the service carried out every year?', 'Yes'],
  ['AIS-01.1', 'Are application security standards written down and applied to every release?', 'Yes'],
  ['AIS-03.1', 'Are application security metrics defined and tracked?', 'Yes'],
  ['BCR-01.1', 'Is there a business continuity plan covering the hosted service?', 'Yes'],
  ['BCR-08.1', 'Are backups of customer data taken daily and restored in a yearly test?', 'Yes'],
  ['CEK-03.1', 'Is customer data encrypted at rest with keys the customer controls?', 'No'],
  ['DCS-07.1', 'Are the data centre perimeters guarded and their entrances controlled?', 'Yes'],
  ['DSP-07.1', 'Are systems designed with data protection by default?', 'Yes'],
  ['GRC-02.1', 'Is there a risk management programme reviewed by the management?', 'Yes'],
  ['GRC-05.1', 'Is an information security programme in place and owned by a manager?', 'Yes'],
  ['HRS-01.1', 'Are staff screened before they are given access?', 'Maybe'],
  ['HRS-11.1', 'Do staff take security awareness training every year?', 'Yes'],
  ['IAM-02.1', 'Are password and credential rules written down and enforced?', 'Yes'],
  ['IAM-14.1', 'Is strong authentication required for every administrative access?', 'Yes'],
  ['IVS-03.1', 'Is network traffic between environments monitored, encrypted and segmented?', 'Yes'],
  ['LOG-01.1', 'Is there a logging and monitoring policy?', 'NA'],
  ['SEF-01.1', 'Is there a security incident management policy with named responders?', 'Yes'],
  ['STA-08.1', 'Are the risks of our own suppliers assessed before we use them?', 'Yes'],
  ['TVM-01.1', 'Are vulnerabilities of the platform identified and fixed by severity?', 'Yes'],
  ['UEM-01.1', 'Are staff laptops managed centrally with disk encryption?', 'Yes'],
];

/** Waits for transitions to end (a filter's sliding indicator), so that a screenshot shows
 * where things come to rest. */
const settled = (page) =>
  page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => Number.isFinite(a.effect?.getComputedTiming().endTime))
        .map((a) => a.finished.catch(() => {})),
    ),
  );

const csvCell = (c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);

/** The CAIQ as CSV: the banner the workbook prints, the header row, one question a row. */
function caiq(answered) {
  const lines = ['Consensus Assessment Initiative Questionnaire v4.0.2,,,', 'Question ID,Question,CSP CAIQ Answer,CSP Implementation Description'];
  for (const [id, text, answer] of CAIQ) {
    const note = answered && answer === 'Yes' ? `Described in the Alpenwolke security handbook, section ${id.split('-')[0]}.` : '';
    lines.push([id, text, answered ? answer : '', note].map(csvCell).join(','));
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`);
}

export default async function supplierQuestionnaire({ app, page, problems }) {
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Search').fill('Alpenwolke');
  await page.getByRole('link', { name: SUPPLIER }).click();
  await page.getByRole('heading', { name: SUPPLIER }).waitFor();
  await page.getByRole('button', { name: "Import the supplier's own questionnaire" }).click();
  const wizard = page.getByRole('dialog', { name: "Import the supplier's own questionnaire" });
  const input = wizard.locator('input[type="file"]');

  // A blank copy (the questionnaire as CSA ships it) is recognised, but there is nothing to
  // record: the server refuses it, and the wizard says why.
  await input.setInputFiles({ name: 'caiq-v4-blank.csv', mimeType: 'text/csv', buffer: caiq(false) });
  await wizard.locator('[data-counts]').getByText('0 answers read').waitFor({ timeout: 60_000 });
  await wizard.getByRole('button', { name: 'Record as assessment' }).click();
  const refusal = wizard.getByRole('alert').filter({ hasText: /it is a blank questionnaire/ });
  await refusal.waitFor();
  await refusal.scrollIntoViewIfNeeded();
  await shot(page, 'supplier-questionnaire-blank');

  // The filled-in copy: recognised from its ids and the version it prints, never the file name.
  await input.setInputFiles({ name: 'alpenwolke-answers.csv', mimeType: 'text/csv', buffer: caiq(true) });
  const recognised = wizard.locator('[data-recognised]');
  await recognised.getByText('CSA CAIQ v4.0.2', { exact: true }).waitFor({ timeout: 60_000 });
  await wizard.getByText(`${CAIQ.length} of its ${CAIQ.length} question ids are CSA CAIQ v4 ids`).waitFor();
  await wizard.getByText('the workbook names version 4.0.2').waitFor();
  await wizard
    .locator('[data-counts]')
    .getByText(`${CAIQ.length - 1} answers read`)
    .waitFor();

  // The coverage: controls covered, compliant and not covered of the 93, the confidence.
  const figure = async (key) => (await wizard.locator(`[data-figure="${key}"] p`).first().innerText()).trim();
  const covered = (await figure('covered')).match(/^(\d+) of 93$/);
  assert.ok(covered, `controls covered of 93: ${await figure('covered')}`);
  const notCovered = Number(await figure('not-covered'));
  assert.equal(Number(covered[1]) + notCovered, 93, 'covered and not covered make the 93 Annex A controls');
  assert.ok(Number(await figure('compliant')) < Number(covered[1]), 'the No on encryption keeps a control from compliance');
  assert.match(await figure('confidence'), /^\d{1,3}%$/);
  // Each NIS 2 Art. 21(2) point as a bar of its related controls covered.
  assert.equal(await wizard.locator('[data-nis2]').count(), 10, 'points (a) to (j)');
  await wizard.getByRole('progressbar', { name: /^21\(2\)\(h\) Cryptography and encryption: \d+ of \d+ related controls covered$/ }).waitFor();
  await wizard
    .locator('[data-explanation]')
    .getByText(/of 93 Annex A controls covered/)
    .waitFor();
  await recognised.scrollIntoViewIfNeeded();
  await shot(page, 'supplier-questionnaire-preview');
  // Each control's reasoning on demand.
  await wizard.getByRole('button', { name: /^Show each control's reasoning/ }).click();
  await wizard
    .locator('[data-explanation]')
    .getByText(/^A\.8\.24 Use of cryptography: falls short by CEK-03\.1 'no'/)
    .waitFor();
  await wizard.getByRole('button', { name: 'Show the summary only' }).click();
  await wizard.locator('[data-nis2="21(2)(a)"]').scrollIntoViewIfNeeded();
  await shot(page, 'supplier-questionnaire-coverage');
  // The cell that could not be read, by cell; the questions no crosswalk maps, with the reason.
  const maybeRow = CAIQ.findIndex(([id]) => id === 'HRS-01.1') + 3;
  await wizard.locator('[data-invalid]').getByText(`csv!C${maybeRow}: "Maybe" is not one of yes, no, partial, n/a`).waitFor();
  const mapping = wizard.getByRole('table', { name: 'Questions and their Annex A controls' });
  await mapping.locator('tr[data-question="IAM-02.1"]').getByText('crosswalk caiq-v4.csv').waitFor();
  await wizard.getByText('Not mapped (2)', { exact: true }).click();
  await mapping.locator('tr[data-question="AIS-03.1"]').getByText('not mapped', { exact: true }).waitFor();
  await mapping.locator('tr[data-question="GRC-02.1"]').waitFor();
  assert.equal(await mapping.locator('tbody tr[data-mapped="true"]').count(), 0, 'only the questions not mapped');
  await settled(page);
  await shot(page, 'supplier-questionnaire-mapping');
  await checkLabels(page, 'supplier questionnaire (preview)', problems);
  await wizard.getByText(`All (${CAIQ.length})`, { exact: true }).click();
  await mapping.locator('tr[data-question="UEM-01.1"]').waitFor();

  // On a phone the preview fills the screen and its controls stay named.
  await page.setViewportSize({ width: 390, height: 844 });
  await recognised.scrollIntoViewIfNeeded();
  await shot(page, 'supplier-questionnaire-phone');
  await checkLabels(page, 'supplier questionnaire (phone)', problems);
  await page.setViewportSize({ width: 1280, height: 900 });

  // Recorded: an assessment in review, on a read-only copy of the questionnaire.
  await wizard.getByRole('button', { name: 'Record as assessment' }).click();
  await wizard
    .locator('[data-recorded]')
    .getByText(`${CAIQ.length - 1} answers of CSA CAIQ v4.0.2`, { exact: false })
    .waitFor({ timeout: 60_000 });
  await shot(page, 'supplier-questionnaire-recorded');
  await wizard.getByRole('link', { name: 'Open the review' }).click();
  await page.getByRole('heading', { level: 1, name: 'CSA CAIQ v4.0.2' }).waitFor();
  await page.getByText('in review', { exact: true }).first().waitFor();
  assert.equal(await page.locator('[data-question]').count(), CAIQ.length, 'every question of the CAIQ, answered or not');

  // Its coverage on the review: the same figures, and the 93 controls by status.
  const section = page.locator('[data-questionnaire-coverage]');
  await section.getByRole('heading', { name: 'Annex A coverage of CSA CAIQ v4.0.2' }).waitFor();
  assert.equal((await section.locator('[data-figure="covered"] p').first().innerText()).trim(), `${covered[1]} of 93`);
  const controls = section.getByRole('table', { name: 'Annex A controls' });
  await section.getByText('All (93)', { exact: true }).waitFor();
  await section.getByText(/^Answered short \(\d+\)$/).click();
  const encryption = controls.locator('tr[data-control="8.24"]');
  await encryption.getByText('answered short', { exact: true }).waitFor();
  await encryption
    .getByText(/CEK-03\.1: no \(1\/1\)/)
    .filter({ visible: true })
    .waitFor();
  assert.equal(await controls.locator('tbody tr[data-status="COMPLIANT"]').count(), 0, 'only the controls answered short');
  // A control only n/a answers reach counts as not covered, but is filtered on its own.
  const onlyNa = Number((await section.getByText(/^Only n\/a \(\d+\)$/).innerText()).match(/\d+/)[0]);
  assert.ok(onlyNa > 0, 'the NA on logging reaches its controls with n/a only');
  await section.getByText(`Not covered (${notCovered - onlyNa})`, { exact: true }).click();
  await section
    .locator('[data-range]')
    .filter({ hasText: `1-25 of ${notCovered - onlyNa}` })
    .waitFor();
  await settled(page);
  // A full-page screenshot of a scrolled page draws the fixed header mid-page: from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'supplier-questionnaire-review-coverage');
  await checkLabels(page, 'supplier questionnaire (review)', problems);

  // Ask only the gaps with the shipped Annex A questionnaire: the questionnaires generated from
  // the supplier's file are not offered.
  await section.getByRole('button', { name: 'Ask only the gaps' }).click();
  const gaps = page.getByRole('dialog', { name: 'Ask only the gaps' });
  await gaps
    .getByRole('textbox', { name: 'Your questionnaire to ask from' })
    .or(gaps.getByRole('combobox', { name: 'Your questionnaire to ask from' }))
    .click();
  await page.getByRole('option', { name: new RegExp(`^${ANNEX_A.replace(/[/().:]/g, '\\$&')} \\(v\\d+, \\d+ questions\\)$`) }).waitFor();
  assert.equal(await page.getByRole('option', { name: /CSA CAIQ/ }).count(), 0, 'the generated CAIQ template is not offered');
  await page.getByRole('option', { name: new RegExp(`^${ANNEX_A.replace(/[/().:]/g, '\\$&')} `) }).click();
  await gaps.getByRole('button', { name: 'Prepare the follow-up' }).click();
  const prepared = gaps.locator('[data-gap]');
  await prepared.getByText(/^Asks \d+ of \d+ questions; \d+ (is|are) not asked\.$/).waitFor({ timeout: 60_000 });
  const [, asked, total, skipped] = (await prepared.getByText(/^Asks /).innerText()).match(/^Asks (\d+) of (\d+) questions; (\d+)/).map(Number);
  assert.ok(asked > 0 && skipped > 0 && asked + skipped === total, `asked ${asked}, not asked ${skipped} of ${total}`);
  const reasons = gaps.getByRole('list', { name: 'Reasons' });
  await reasons.getByText(/^Asked, a control answered short in CSA CAIQ v4\.0\.2: \d+ questions?$/).waitFor();
  await reasons.getByText(new RegExp(`^Not asked, every control met by CSA CAIQ v4\\.0\\.2: ${skipped} questions?$`)).waitFor();
  const decisions = gaps.getByRole('table', { name: 'Questions of the follow-up' });
  await decisions
    .getByText(/^A\.5\.2 not covered$/)
    .first()
    .waitFor();
  await settled(page);
  await shot(page, 'supplier-questionnaire-gaps');
  await checkLabels(page, 'supplier questionnaire (gaps)', problems);
  await gaps.getByText(`Not asked (${skipped})`, { exact: true }).click();
  await decisions
    .getByText(/met by CSA CAIQ v4\.0\.2$/)
    .first()
    .waitFor();
  assert.equal(await decisions.locator('tbody tr[data-asked="true"]').count(), 0, 'only the questions not asked');

  // The draft follow-up: only the questions asked, and which questionnaire it follows.
  await gaps.getByRole('link', { name: /^Open the draft follow-up/ }).click();
  await page.getByRole('heading', { level: 1, name: `${ANNEX_A}: follow-up to CSA CAIQ v4.0.2` }).waitFor();
  await page.getByText('draft', { exact: true }).first().waitFor();
  const note = page.locator('[data-follows]');
  await note.getByText(/its score combines both/).waitFor();
  await note.getByRole('link', { name: 'CSA CAIQ v4.0.2' }).waitFor();
  await page.locator('[data-question]').first().waitFor();
  assert.equal(await page.locator('[data-question]').count(), asked, 'the follow-up asks exactly the questions asked');
  await shot(page, 'supplier-questionnaire-follow-up');
  await checkLabels(page, 'supplier questionnaire (follow-up)', problems);

  // It is sent like any assessment: the same dialog, with the draft as it is.
  await page.getByRole('button', { name: 'Send to the supplier' }).click();
  const send = page.getByRole('dialog', { name: 'Send a questionnaire' });
  assert.equal(await send.getByRole('textbox', { name: 'Questionnaire' }).inputValue(), `${ANNEX_A}: follow-up to CSA CAIQ v4.0.2`);
  await send.getByRole('checkbox').first().check();
  await send.getByRole('button', { name: 'Send', exact: true }).click();
  await send.waitFor({ state: 'detached' });
  await page.getByText('sent', { exact: true }).first().waitFor();

  // Back on the imported questionnaire, the follow-up is listed beside its coverage.
  await note.getByRole('link', { name: 'CSA CAIQ v4.0.2' }).click();
  await page.getByRole('heading', { level: 1, name: 'CSA CAIQ v4.0.2' }).waitFor();
  await page
    .locator('[data-follow-ups]')
    .getByRole('link', { name: `${ANNEX_A}: follow-up to CSA CAIQ v4.0.2` })
    .waitFor();

  // A questionnaire generated from a supplier's file is never sent afresh to anyone.
  await page.getByRole('link', { name: SUPPLIER }).click();
  await page.getByRole('tab', { name: 'Assessments (2)' }).click();
  await page.getByRole('button', { name: 'Send questionnaire', exact: true }).click();
  const fresh = page.getByRole('dialog', { name: 'Send a questionnaire' });
  await fresh
    .getByRole('textbox', { name: 'Questionnaire' })
    .or(fresh.getByRole('combobox', { name: 'Questionnaire' }))
    .click();
  await page.getByRole('option', { name: /^ISO\/IEC 27001:2022 Annex A in-depth assessment \(v/ }).waitFor();
  assert.equal(await page.getByRole('option', { name: /CSA CAIQ|follow-up/ }).count(), 0, 'no generated questionnaire is offered');
  await page.keyboard.press('Escape');
  await fresh.getByRole('button', { name: 'Cancel' }).click();
  await fresh.waitFor({ state: 'detached' });
}
