// A campaign launched to the suppliers rated high; a shipped template cloned and published.
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

  // A shipped template cloned, its draft refused with the problem named, fixed, published.
  await page.getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('link', { name: /^Supplier lite/ }).click();
  await page.getByRole('button', { name: 'Clone to edit' }).click();
  const draft = page.getByRole('textbox', { name: 'Draft content' });
  await draft.waitFor();
  const original = await draft.inputValue();
  await draft.fill(original.replace('"importance": "critical"', '"importance": "vital"'));
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('The draft needs changes').waitFor();
  await shot(page, 'template-draft-refused');
  await draft.fill(original);
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved').waitFor();
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await page.getByText(/^Version 1 can now be sent\.$/).waitFor();
}
