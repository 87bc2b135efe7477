// A campaign launched to the suppliers rated high (templates are edited in templates.mjs).
import { shot } from '../harness.mjs';

export default async function campaignsTemplates({ page }) {
  // A campaign to every supplier rated high, followed on its page.
  await page.getByRole('link', { name: 'Campaigns' }).click();
  await page.getByRole('link', { name: 'Logistics software baseline 2027' }).waitFor();
  await page.getByRole('button', { name: 'Launch a campaign' }).click();
  const launch = page.getByRole('dialog', { name: 'Launch a campaign' });
  await launch.getByLabel('Name').fill('High-risk follow-up 2027');
  await launch.getByRole('combobox', { name: 'Questionnaire' }).click();
  await page.getByRole('option', { name: /^Supplier lite \(low-tier suppliers\) \(v/ }).click();
  await launch.getByPlaceholder('any rating').click();
  await page.getByRole('option', { name: 'high' }).click();
  await launch.getByLabel('Name').click();
  await launch.getByRole('button', { name: 'Launch' }).click();
  await page.getByRole('link', { name: 'High-risk follow-up 2027' }).click();
  await page.getByRole('cell', { name: 'Dockside Telematix s.r.o.' }).waitFor();
  await page.getByRole('cell', { name: 'Mailwhistle Communications Ltd' }).waitFor();
  await shot(page, 'campaign');
}
