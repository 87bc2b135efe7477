// An accepted risk, with its reason in view afterwards.
import { shot } from '../harness.mjs';

export default async function risk({ app, page }) {
  // An administrator accepts a risk until a date, with the reason.
  await page.goto(`${app.base}/findings?status=OPEN`);
  await page.getByRole('button', { name: 'accept risk' }).first().click();
  const acceptDialog = page.getByRole('dialog', { name: 'Accept the risk' });
  await acceptDialog.getByLabel('Reason').fill('Compensated by weekly access reviews until the migration.');
  await acceptDialog.getByLabel('Accepted until').fill(new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10));
  await acceptDialog.getByRole('button', { name: 'Accept risk' }).click();
  await page.getByText(/^Until \d{4}-\d{2}-\d{2}; the finding reopens after that day\.$/).waitFor();
  // The reason stays in view afterwards.
  await page.goto(`${app.base}/findings?status=RISK_ACCEPTED`);
  await page
    .getByText(/risk accepted until \d{4}-\d{2}-\d{2}: Compensated by weekly access reviews/)
    .first()
    .waitFor();
  await shot(page, 'risk-accepted');
}
