// An analyst works the findings: the overdue one is marked on the board and on its page, its
// owner, plan and due date are set there and show in its history, a move takes a comment, and
// a finding raised by hand after an audit opens on its own page.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function findingWork({ app, page, problems }) {
  // An open finding whose agreed date has passed reads as overdue, on its page and on the board.
  await page.goto(`${app.base}/findings?status=OPEN`);
  const first = page.getByRole('row').nth(1);
  const title = await first.getByRole('link').first().innerText();
  await first.getByRole('link', { name: title }).click();
  await page.getByRole('heading', { level: 1, name: title }).waitFor();
  const day = (offset) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Due date').fill(day(-2));
  await page.getByRole('button', { name: 'Save remediation' }).click();
  await page.getByText('overdue', { exact: true }).first().waitFor();
  const found = page.url();
  await page.goto(`${app.base}/findings?overdue=true`);
  await page.getByRole('row').filter({ hasText: title }).getByText('overdue', { exact: true }).waitFor();
  await page.goto(found);

  // Owner, plan and a new due date: no longer overdue, and the history says what changed.
  await page
    .getByRole('textbox', { name: 'Owner' })
    .or(page.getByRole('combobox', { name: 'Owner' }))
    .click();
  await page.getByRole('option').first().click();
  await page.getByLabel('Remediation plan').fill('The supplier moves its incident procedure to the new contract by the end of next month.');
  const due = day(45);
  await page.getByLabel('Due date').fill(due);
  await page.getByRole('button', { name: 'Save remediation' }).click();
  await page.getByText('Remediation saved').first().waitFor();
  await page.getByText('overdue', { exact: true }).first().waitFor({ state: 'detached' });
  const history = page.getByRole('table', { name: 'History of the finding' });
  await history.getByText('Remediation updated').first().waitFor();
  await history.getByText(`due date: ${day(-2)} → ${due}`).waitFor();

  // A move takes a comment: the button stays off until one is written.
  const move = page.getByRole('button', { name: /^(Mark in progress|Mark resolved)$/ }).first();
  const label = await move.innerText();
  await move.click();
  const dialog = page.getByRole('dialog', { name: label.replace('Mark', 'Mark as') });
  assert.ok(await dialog.getByRole('button', { name: label.replace('Mark', 'Mark as') }).isDisabled(), 'no move without a comment');
  await dialog.getByLabel('Comment').fill('Agreed with the supplier on the call of today.');
  await dialog.getByRole('button', { name: label.replace('Mark', 'Mark as') }).click();
  await page.locator('[data-comment]').filter({ hasText: 'Agreed with the supplier on the call of today.' }).waitFor();
  await shot(page, 'finding-page');
  await checkLabels(page, 'finding page (overdue)', problems);

  // A finding raised by hand from the supplier's page, after an audit.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Search').fill('Cobbleton');
  await page.getByRole('link', { name: 'Cobbleton Payments S.A.' }).click();
  await page.getByRole('tab', { name: /Findings/ }).click();
  await page.getByRole('button', { name: 'Raise a finding' }).click();
  const raise = page.getByRole('dialog', { name: 'Raise a finding' });
  await raise.getByLabel('Finding').fill('No log retention policy (2027 on-site audit)');
  await raise
    .getByRole('textbox', { name: 'Severity' })
    .or(raise.getByRole('combobox', { name: 'Severity' }))
    .click();
  await page.getByRole('option', { name: 'high' }).click();
  await raise
    .getByRole('textbox', { name: 'ISO/IEC 27001 controls' })
    .or(raise.getByRole('combobox', { name: 'ISO/IEC 27001 controls' }))
    .fill('8.15');
  await page.getByRole('option', { name: /^8\.15 / }).click();
  await raise.getByLabel('Finding').click();
  await checkLabels(page, 'raise a finding', problems);
  await raise.getByRole('button', { name: 'Raise the finding' }).click();
  await page.getByRole('heading', { level: 1, name: 'No log retention policy (2027 on-site audit)' }).waitFor();
  await page.getByText('Raised by hand, not from a questionnaire answer.').waitFor();
  await page.getByText(/ISO\/IEC 27001 8\.15/).waitFor();
  await shot(page, 'finding-raised-by-hand');
}
