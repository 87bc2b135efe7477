// The invitations of an assessment: who was invited, when, and where each link stands; a link
// resent (the old one refused from then on) and revoked (its open session ends too). Then the
// audit log: filtered by action, date and user in the address, a row's who, what and object
// link, pages of 50 and a CSV of the filter.
import { readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import { checkLabels, invitationLink, shot } from '../harness.mjs';

const ERIN = 'erin@eastwind.example';

/** The invitation link of a mail to `to` newer than the one that held `seen`. */
async function newLink(work, to, seen) {
  for (let i = 0; i < 60; i++) {
    const link = await invitationLink(work, to);
    if (link !== seen) return link;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no new invitation e-mail to ${to}`);
}

/** A local day as the date inputs write it, `offset` days from today. */
function day(offset) {
  const d = new Date(Date.now() + offset * 86_400_000);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** Waits until the log shows rows again, every one of them with `attribute` = `value` (the
 * rows of the previous filter may still be shown while the next one is asked for). */
function rowsAll(page, attribute, value) {
  return page.waitForFunction(
    ([attribute, value]) => {
      const rows = [...document.querySelectorAll('table[aria-label="Audit log"] tbody tr[data-action]')];
      return rows.length > 0 && rows.every((row) => row.getAttribute(attribute) === value);
    },
    [attribute, value],
  );
}

const combobox = (scope, name) => scope.getByRole('textbox', { name }).or(scope.getByRole('combobox', { name }));

export default async function auditInvitations({ app, browser, page, problems }) {
  // The completed assessment: Erin's link and the colleague she delegated to (withdrawn), each
  // with when and by whom it was sent; nothing is left to answer, so nothing can be resent.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Search').fill('Eastwind');
  await page.getByRole('link', { name: 'Eastwind Freight Software GmbH' }).click();
  await page.getByRole('tab', { name: 'Assessments (1)' }).click();
  await page.getByRole('link', { name: /Supplier lite/ }).click();
  const invitations = page.getByRole('table', { name: 'Invitations' });
  const erin = invitations.locator(`[data-invitation="${ERIN}"]`);
  await erin.getByText('opened', { exact: true }).waitFor();
  await erin.getByText('whole questionnaire').waitFor();
  await erin.getByText(`by ${app.email}`).waitFor();
  const omar = invitations.locator('[data-invitation="omar@eastwind.example"]');
  await omar.getByText('revoked', { exact: true }).waitFor();
  await omar.getByText('Subcontractors').waitFor();
  await omar.getByText('colleague of Erin Example').waitFor();
  await omar.getByText(`delegated, by ${ERIN}`).waitFor();
  await page.getByText('there is nothing left to answer, so links cannot be resent').waitFor();
  assert.equal(await invitations.getByRole('button', { name: /^Resend/ }).count(), 0, 'a completed assessment offers no resend');
  await shot(page, 'invitations-completed');
  await checkLabels(page, 'invitations (completed)', problems);

  // A fresh questionnaire to Erin, whose first link goes astray: resent, the old link is refused.
  const before = await invitationLink(app.work, ERIN);
  await page.getByRole('link', { name: 'Eastwind Freight Software GmbH' }).click();
  await page.getByRole('button', { name: 'Send questionnaire' }).click();
  const send = page.getByRole('dialog', { name: 'Send a questionnaire' });
  await send.getByRole('combobox', { name: 'Questionnaire' }).click();
  await page.getByRole('option', { name: /^Supplier lite \(low-tier suppliers\) \(v/ }).click();
  await send.getByLabel(`Erin Example <${ERIN}>`).check();
  await send.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('tab', { name: 'Assessments (2)' }).click();
  await page
    .getByRole('row')
    .filter({ hasText: /\bsent\b/ })
    .getByRole('link')
    .click();
  await page.waitForURL(/\/assessments\//);
  const fresh = page.url();
  const first = await newLink(app.work, ERIN, before);
  await invitations.locator(`[data-invitation="${ERIN}"][data-state="not opened yet"]`).waitFor();
  await page.getByText('the old link stops working').waitFor();
  await invitations.getByRole('button', { name: 'Resend to Erin Example' }).click();
  await page.getByText('the earlier link no longer works').waitFor();
  await invitations.locator(`[data-invitation="${ERIN}"][data-state="replaced"]`).waitFor();
  const replaced = invitations.locator(`[data-invitation="${ERIN}"][data-state="replaced"]`);
  assert.equal(await replaced.getByRole('button').count(), 0, 'a replaced link offers nothing');
  const second = await newLink(app.work, ERIN, first);
  assert.notEqual(second, first, 'a new link, not the old one again');
  const stranger = await browser.newContext();
  const old = await stranger.newPage();
  await old.goto(first);
  await old.getByRole('alert').filter({ hasText: 'This link cannot be opened' }).waitFor();
  await old.getByText(/not valid \(expired, revoked or mistyped\)/).waitFor();
  await shot(old, 'old-link-refused');
  await stranger.close();

  // The new link opens the questionnaire; the analyst sees it opened and revokes it.
  const respondentContext = await browser.newContext();
  const respondent = await respondentContext.newPage();
  respondent.on('pageerror', (e) => problems.push(`respondent page error: ${e.message}`));
  await respondent.goto(second);
  await respondent.getByText(/asks Eastwind Freight Software GmbH to answer/).waitFor();
  await page.reload();
  const opened = invitations.locator(`[data-invitation="${ERIN}"][data-state="opened"]`);
  await opened.waitFor();
  await opened.getByRole('button', { name: "Revoke Erin Example's link" }).click();
  const confirm = page.getByRole('dialog', { name: "Revoke Erin Example's link?" });
  await confirm.getByText('loses access at once').waitFor();
  await shot(page, 'invitation-revoke-confirm');
  await confirm.getByRole('button', { name: 'Revoke the link' }).click();
  const revoked = invitations.locator(`[data-invitation="${ERIN}"][data-state="revoked"]`);
  await revoked.waitFor();
  await page.getByText('Erin Example can no longer open the questionnaire.').waitFor();
  assert.equal(await revoked.getByRole('button', { name: /^Revoke/ }).count(), 0, 'revoked once');
  await revoked.getByRole('button', { name: 'Resend to Erin Example' }).waitFor();
  await shot(page, 'invitations-revoked');
  await checkLabels(page, 'invitations', problems);
  // The session already open with it ends, and the link opens nothing any more.
  await respondent.reload();
  await respondent.getByRole('alert').filter({ hasText: 'This link cannot be opened' }).waitFor();
  assert.equal(await respondent.getByText(/asks Eastwind Freight Software GmbH to answer/).count(), 0, 'the questionnaire is gone');
  await respondentContext.close();
  const late = await browser.newContext();
  const again = await late.newPage();
  await again.goto(second);
  await again.getByText(/not valid \(expired, revoked or mistyped\)/).waitFor();
  await late.close();

  // The audit log, filtered by the revocation: the analyst's row (who, what) and the
  // respondent's withdrawal of the delegation; the filter lives in the address.
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  const log = page.getByRole('table', { name: 'Audit log' });
  await log.locator('tbody tr[data-action]').first().waitFor();
  await checkLabels(page, 'audit log', problems);
  await combobox(page, 'Action').fill('Invitation revoked');
  await page.getByRole('option', { name: 'Invitation revoked', exact: true }).click();
  await page.waitForURL(/[?&]action=invitation\.revoke/);
  await rowsAll(page, 'data-action', 'invitation.revoke');
  const mine = log.getByRole('row').filter({ hasText: app.email });
  await mine.getByText(`email: ${ERIN}`).waitFor();
  await mine.getByText('Invitation revoked').waitFor();
  await mine.getByText('user', { exact: true }).waitFor();
  const theirs = log.getByRole('row').filter({ hasText: 'supplier respondent' });
  await theirs.getByText('email: omar@eastwind.example').waitFor();
  await theirs.getByText(ERIN, { exact: true }).waitFor();
  const actions = await log.locator('tbody tr[data-action]').evaluateAll((rows) => rows.map((r) => r.dataset.action));
  assert.ok(actions.length >= 2, `the analyst's and the respondent's revocations: ${actions}`);
  const range = page.locator('[data-range]');
  assert.equal(await range.innerText(), `1-${actions.length} of ${actions.length}`);
  await page.reload();
  await mine.getByText(`email: ${ERIN}`).waitFor();
  assert.equal(await combobox(page, 'Action').inputValue(), 'Invitation revoked', 'the filter survives a reload');
  await shot(page, 'audit-log-revocations');

  // The whole filter as CSV, read page by page in the browser.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trimEnd()
    .split('\r\n');
  assert.equal(csv[0], 'When (UTC),Who,Actor kind,Action,What,Object type,Object id,Changes');
  assert.equal(csv.length - 1, actions.length, 'one line per event');
  assert.ok(
    csv.some((line) => line.includes(`${app.email},user,invitation.revoke,Invitation revoked,invitation,`) && line.endsWith(`email: ${ERIN}`)),
    `the analyst's revocation in the CSV: ${csv.join(' / ')}`,
  );
  await page.getByText(`Exported ${actions.length} events.`).waitFor();

  // By date: nothing before today, the revocation today.
  await page.getByLabel('To (inclusive)').fill(day(-1));
  await page.waitForURL(/[?&]until=/);
  await log.getByText('No event matches this filter.').waitFor();
  assert.equal(await range.innerText(), '0 of 0');
  await page.getByLabel('To (inclusive)').fill('');
  await page.getByLabel('From', { exact: true }).fill(day(0));
  await page.waitForURL((url) => url.searchParams.get('since') === day(0) && !url.searchParams.has('until'));
  await mine.getByText(`email: ${ERIN}`).waitFor();

  // By object type: the newest assessment event is the fresh assessment, a link away.
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await combobox(page, 'Object type').fill('Assessment');
  await page.getByRole('option', { name: 'Assessment', exact: true }).click();
  await page.waitForURL(/[?&]objectType=assessment/);
  await rowsAll(page, 'data-object', 'assessment');
  const newest = log.locator('tbody tr[data-action]').first();
  await newest.getByText(app.email).waitFor();
  await newest.getByRole('link', { name: 'Assessment' }).click();
  await page.waitForURL(fresh);
  await invitations.locator(`[data-invitation="${ERIN}"][data-state="replaced"]`).waitFor();
  await revoked.waitFor();

  // Who: the analyst's own events only; then pages of 50 through the whole log.
  await page.goBack();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await combobox(page, 'Who').click();
  await page.getByRole('option', { name: new RegExp(app.email.replace(/[.+]/g, '\\$&')) }).click();
  await page.waitForURL(/[?&]actor=/);
  await rowsAll(page, 'data-actor', app.email);
  const byAnalyst = await range.innerText();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForURL((url) => url.search === '');
  await range
    .filter({ hasText: /^1-50 of \d+$/ })
    .filter({ hasNotText: byAnalyst })
    .waitFor();
  const total = Number((await range.innerText()).split(' of ')[1]);
  assert.ok(total > 50, `more than a page of events: ${total}`);
  const firstRow = await log.locator('tbody tr[data-action]').first().innerText();
  await page.getByRole('button', { name: 'Next' }).click();
  await range.filter({ hasText: `51-${Math.min(100, total)} of ${total}` }).waitFor();
  // The counter may move a moment before the rows of the next page are drawn.
  let secondRow = firstRow;
  for (let tries = 0; secondRow === firstRow && tries < 50; tries++) {
    await page.waitForTimeout(100);
    secondRow = await log.locator('tbody tr[data-action]').first().innerText();
  }
  assert.notEqual(secondRow, firstRow, 'another page');
  await shot(page, 'audit-log-page-2');
  await page.getByRole('button', { name: 'Previous' }).click();
  await range.filter({ hasText: `1-50 of ${total}` }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Previous' }).isDisabled(), true);
  await checkLabels(page, 'audit log (filtered)', problems);

  // A viewer (the demo auditor) reads the invitations and the log, and is offered no change.
  const signInAs = async (email, role) => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('E-mail').fill(email);
    await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(role, { exact: true }).waitFor();
  };
  await signInAs('auditor@northwind.example', 'viewer');
  await page.goto(fresh);
  await invitations.locator(`[data-invitation="${ERIN}"][data-state="replaced"]`).waitFor();
  await revoked.waitFor();
  assert.equal(await invitations.getByRole('button').count(), 0, 'viewers resend and revoke nothing');
  assert.equal(await page.getByText('the old link stops working').count(), 0);
  await page.getByRole('link', { name: 'Audit log' }).click();
  await range.filter({ hasText: /^1-50 of \d+$/ }).waitFor();
  await signInAs(app.email, 'admin');
}
