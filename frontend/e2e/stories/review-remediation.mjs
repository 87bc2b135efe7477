// The analyst reviews and scores; the supplier proves the fix; the analyst verifies it.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function reviewRemediation({ app, page, problems, state }) {
  const { phone, document } = state;
  // The analyst reviews with the documents beside the answers, completes, and sees the score
  // and the finding the failed knock-out opened.
  await page.reload();
  await page.getByRole('tab', { name: 'Assessments (1)' }).click();
  await page.getByRole('link', { name: /Supplier lite/ }).click();
  await page.getByRole('button', { name: 'Start review' }).click();
  await page.getByRole('button', { name: 'Complete and score' }).waitFor();
  await page
    .getByRole('button', { name: `Document: ${document.name}` })
    .first()
    .waitFor();
  await page.locator('[data-question="BAS-01"]').getByRole('button', { name: 'Accept' }).click();
  await page.locator('[data-question="BAS-01"]').getByText('accepted').waitFor();
  await shot(page, 'review');
  // Answers read in words: an option's label, not its code.
  const choice = page.locator('[data-question="BAS-04"]');
  const shown = await choice.locator('strong').innerText();
  assert.ok(shown.length > 0 && !/^[a-z0-9_]+$/.test(shown), `BAS-04 shows a label, not a code: ${shown}`);
  await checkLabels(page, 'review', problems);
  // The rest is accepted in one go, and completing asks first.
  await page.getByRole('button', { name: /^Accept all remaining \(\d+\)$/ }).click();
  await page.getByRole('button', { name: /^Accept all remaining/ }).waitFor({ state: 'detached' });
  assert.equal(
    await page.locator('[data-question]').filter({ hasText: 'accepted' }).count(),
    await page
      .locator('[data-question]')
      .filter({ has: page.locator('strong') })
      .count(),
    'every answer accepted',
  );
  await page.getByRole('button', { name: 'Complete and score' }).click();
  const confirm = page.getByRole('dialog', { name: 'Complete and score?' });
  await confirm.getByText('can no longer change').waitFor();
  await confirm.getByRole('button', { name: 'Complete and score' }).click();
  await page.getByText('The score and the findings this assessment opened').waitFor();
  await page.getByRole('link', { name: "the supplier's page" }).click();
  await page
    .getByText(/Security score \d+\/100/)
    .first()
    .waitFor();
  await page.getByText(/knock-out question\(s\) DAT-04 failed/).waitFor();
  await page.getByRole('tab', { name: /Findings \([1-9]\d*\)/ }).click();
  await page.getByRole('cell', { name: /No weekly backup safe from ransomware/ }).waitFor();
  await shot(page, 'score-and-finding');

  // The supplier fixes the backups and proves it through the same link; the analyst verifies
  // the fix and the supplier's score moves.
  await phone.reload();
  await phone.getByRole('heading', { name: 'Remediation' }).waitFor();
  const backups = phone.locator('[data-finding]').filter({ hasText: /No weekly backup safe from ransomware/ });
  await backups.getByRole('button', { name: 'Mark resolved' }).click();
  await backups.getByRole('alert').filter({ hasText: 'attach a document proving the fix' }).waitFor();
  await backups.locator('input[type="file"]').setInputFiles({ ...document, name: 'offsite-backup-report.pdf' });
  await backups.getByText('Document: offsite-backup-report.pdf').waitFor();
  await backups.getByRole('textbox').fill('Daily off-site copies since Monday; report attached.');
  await backups.getByRole('button', { name: 'Send note' }).click();
  await backups.getByText('You: Daily off-site copies').waitFor();
  await backups.getByRole('button', { name: 'Mark resolved' }).click();
  await backups.getByText('resolved').waitFor();
  await shot(phone, 'respondent-remediation');
  // On the board, "verified" opens the finding's page with the proof in view: the answer
  // that raised it, the supplier's note and document; verifying needs the proof reviewed and
  // a comment, which joins the thread and the history.
  await page.goto(`${app.base}/findings?status=RESOLVED`);
  const row = page.getByRole('row').filter({ hasText: /No weekly backup safe from ransomware/ });
  await row.getByRole('button', { name: 'verified' }).click();
  await page.getByRole('heading', { level: 1, name: /No weekly backup safe from ransomware/ }).waitFor();
  assert.equal(await page.locator('[data-answer] strong').innerText(), 'No', 'the answer behind it, in words');
  const verify = page.getByRole('dialog', { name: 'Mark as verified' });
  await verify.getByRole('button', { name: 'Open offsite-backup-report.pdf' }).waitFor();
  await verify.getByText('“Daily off-site copies since Monday; report attached.”').waitFor();
  await verify.getByLabel('Comment').fill('Read the off-site backup report: daily copies since Monday.');
  assert.ok(await verify.getByRole('button', { name: 'Mark as verified' }).isDisabled(), 'not before the proof is reviewed');
  await shot(page, 'finding-verify-with-proof');
  await verify.getByLabel('I have reviewed the proof').check();
  await verify.getByRole('button', { name: 'Mark as verified' }).click();
  await page.getByText('Now verified.').waitFor();
  await page.locator('[data-comment]').filter({ hasText: 'Read the off-site backup report' }).waitFor();
  const history = page.getByRole('table', { name: 'History of the finding' });
  await history.getByText('status: resolved → verified').waitFor();
  await history.getByText('Document attached').waitFor();
  await checkLabels(page, 'finding page', problems);
  await shot(page, 'finding-verified');
  await page.goto(app.base + '/suppliers');
  await page.getByLabel('Search').fill('Eastwind');
  await page.getByRole('link', { name: 'Eastwind Freight Software GmbH' }).click();
  await page.getByRole('cell', { name: 'finding verified' }).waitFor();
  await page.getByText(/Counted as compliant after a verified fix: DAT-04/).waitFor();
  await shot(page, 'score-after-fix');
}
