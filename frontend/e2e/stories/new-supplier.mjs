// A supplier registered, tiered, moved along its life cycle and sent a questionnaire.
import assert from 'node:assert/strict';
import { shot } from '../harness.mjs';

export default async function newSupplier({ page }) {
  // The analyst registers a supplier and sends it a questionnaire.
  await page.getByRole('link', { name: 'Suppliers' }).click();
  await page.getByRole('button', { name: 'New supplier' }).click();
  const dialog = page.getByRole('dialog', { name: 'New supplier' });
  await dialog.getByRole('button', { name: 'Create supplier' }).click();
  await dialog
    .getByText(/required|must not be empty|give/i)
    .first()
    .waitFor();
  await shot(page, 'new-supplier-field-errors');
  await dialog.getByLabel('Legal name').fill('Eastwind Freight Software GmbH');
  // The country is picked by name: "Germany" is Germany (DE), never Georgia (GE).
  await dialog
    .getByRole('textbox', { name: 'Country' })
    .or(dialog.getByRole('combobox', { name: 'Country' }))
    .fill('Germany');
  await page.getByRole('option', { name: 'Germany (DE)' }).click();
  await dialog.getByLabel('Category').fill('Logistics software');
  // Tier and identifiers at creation; a website written without its scheme is read as https.
  await dialog.getByLabel('Website').fill('eastwind.example');
  await dialog
    .getByRole('textbox', { name: 'Access to our systems' })
    .or(dialog.getByRole('combobox', { name: 'Access to our systems' }))
    .click();
  await page.getByRole('option', { name: 'data' }).click();
  await dialog.getByLabel('VAT number').fill('DE 811 907 980');
  await dialog.getByLabel('Contact name').fill('Erin Example');
  await dialog.getByLabel('Contact e-mail').fill('erin@eastwind.example');
  await dialog.getByRole('button', { name: 'Create supplier' }).click();
  await page.getByRole('heading', { name: 'Eastwind Freight Software GmbH' }).waitFor();
  await page.getByText('Access: data').waitFor();
  await page.getByRole('link', { name: 'https://eastwind.example' }).waitFor();
  assert.match(await page.locator('[data-identifiers]').innerText(), /^VAT DE811907980$/);
  // Editing the tier: the country reads as a name, then the tier is saved.
  await page.getByRole('button', { name: 'Edit' }).click();
  const editing = page.getByRole('dialog', { name: 'Edit supplier' });
  assert.equal(
    await editing
      .getByRole('textbox', { name: 'Country' })
      .or(editing.getByRole('combobox', { name: 'Country' }))
      .inputValue(),
    'Germany (DE)',
  );
  await editing
    .getByRole('textbox', { name: 'Data it handles' })
    .or(editing.getByRole('combobox', { name: 'Data it handles' }))
    .click();
  await page.getByRole('option', { name: 'personal' }).click();
  await editing.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Data: personal').waitFor();
  // Its status moves along the life cycle, with a reason.
  await page.getByRole('button', { name: 'Status: prospect' }).click();
  await page.getByRole('menuitem', { name: 'onboarding' }).click();
  const moving = page.getByRole('dialog', { name: 'Move to onboarding' });
  await moving.getByLabel('Reason').fill('Selected in the 2027 freight software tender.');
  await moving.getByRole('button', { name: 'Move to onboarding' }).click();
  await page.getByRole('button', { name: 'Status: onboarding' }).waitFor();
  await page.getByLabel('Contact name').fill('Sam Second');
  await page.getByLabel('Contact e-mail').fill('not an address');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page
    .getByText(/e-mail/i)
    .filter({ hasText: /not|valid|address/ })
    .first()
    .waitFor();
  await page.getByLabel('Contact e-mail').fill('sam@eastwind.example');
  await page.getByRole('button', { name: 'Add contact' }).click();
  await page.getByText('Sam Second <sam@eastwind.example>').waitFor();
  // The IR 2024/2690 5.1.4 clauses of its contract, one by one.
  await page.getByRole('tab', { name: 'Contract' }).click();
  await page
    .getByRole('textbox', { name: '(e) Right to audit' })
    .or(page.getByRole('combobox', { name: '(e) Right to audit' }))
    .click();
  const saved = page.waitForResponse((r) => r.url().endsWith('/graphql') && !!r.request().postData()?.includes('UpdateContractClauses'));
  await page.getByRole('option', { name: 'present' }).click();
  await saved;
  await page.reload();
  await page.getByRole('tab', { name: 'Contract' }).click();
  assert.equal(
    await page
      .getByRole('textbox', { name: '(e) Right to audit' })
      .or(page.getByRole('combobox', { name: '(e) Right to audit' }))
      .inputValue(),
    'present',
  );
  await page.getByRole('button', { name: 'Send questionnaire' }).click();
  const send = page.getByRole('dialog', { name: 'Send a questionnaire' });
  await send.getByRole('combobox', { name: 'Questionnaire' }).click();
  await page.getByRole('option', { name: /^Supplier lite \(low-tier suppliers\) \(v/ }).click();
  await send.getByLabel('Erin Example <erin@eastwind.example>').check();
  await send.getByLabel('Message to the supplier').fill('Please answer before our contract review.');
  await shot(page, 'send-questionnaire');
  await send.getByRole('button', { name: 'Send' }).click();
  await page.getByRole('tab', { name: 'Assessments (1)' }).waitFor();
  await page.getByRole('cell', { name: 'sent' }).waitFor();
}
