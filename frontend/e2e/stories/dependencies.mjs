// Services and dependencies kept by hand: a service registered, suppliers added to it by
// searching the register (one as the alternative for a function), a function changed, a
// dependency removed; from a supplier's page a fourth party and a service that uses it; the
// API's refusals at their fields; a viewer offered no change; the service edited and deleted.
// Demo data the later stories use is left as it was: the service is our own, and what this
// story adds to demo suppliers it removes again.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

const SERVICE = 'Driver shift planner';
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export default async function dependencies({ app, browser, page, problems }) {
  // A new service: the level of criticality chosen among levels explained in words; a name
  // already taken is refused at its field.
  await page.getByRole('link', { name: 'Services', exact: true }).click();
  await page.getByRole('button', { name: 'New service' }).click();
  const creating = page.getByRole('dialog', { name: 'New service' });
  const name = creating.getByRole('textbox', { name: 'Name' });
  await name.fill('Customer portal');
  await creating.getByRole('textbox', { name: 'What it does' }).fill('Drivers see and swap their shifts; dispatch plans them within driving-time rules.');
  await creating.getByText('A stop of hours hurts customers, revenue or compliance.').waitFor();
  await creating.getByRole('radio', { name: '4, high' }).check();
  await creating.getByRole('button', { name: 'Register the service' }).click();
  await creating.getByText('a service named "Customer portal" already exists').waitFor();
  assert.match(await describedBy(name), /a service named "Customer portal" already exists/, 'the refusal is at the name');
  await shot(page, 'service-name-taken');
  await name.fill(SERVICE);
  await creating.getByRole('button', { name: 'Register the service' }).click();
  await page.getByRole('heading', { name: SERVICE, level: 1 }).waitFor();
  await page.getByText(/^Criticality 4\/5, high/).waitFor();
  await page.getByText('No supplier recorded yet.').waitFor();

  // A supplier is found by searching the register on the server, at most 20 matches at a time.
  const direct = page.getByRole('table', { name: `Suppliers ${SERVICE} relies on directly` });
  let dialog = await openAdd(page, 'Add a supplier', `Add a supplier to ${SERVICE}`);
  await picker(dialog, /^Supplier/).fill('a');
  await dialog.getByText(/^20 of \d+ matches shown: type more of the name to narrow them down\.$/).waitFor();
  assert.equal(await page.getByRole('option').count(), 20, 'twenty matches, not the whole register');
  await pick(page, dialog, /^Supplier/, 'stratoforge', 'Stratoforge Cloud B.V.');
  await functionBox(dialog).fill('Hosting');
  await dialog.getByRole('textbox', { name: 'What it provides' }).fill('Runs the planner and its database in the Amsterdam region.');
  await shot(page, 'dependency-add');
  await checkLabels(page, 'dependency dialog', problems);
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.waitFor({ state: 'detached' });
  // One supplier for a function of a critical service, no alternative: a single point of failure.
  const strato = direct.getByRole('row', { name: /Stratoforge Cloud B\.V\./ });
  await strato.getByText('single point of failure').waitFor();
  const cells = (await strato.getByRole('cell').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
  assert.deepEqual(
    cells.slice(0, 4),
    ['Stratoforge Cloud B.V.', 'hosting SINGLE POINT OF FAILURE', 'Runs the planner and its database in the Amsterdam region.', 'no'],
    'function (in lower case, as the API keeps it), description, alternative',
  );

  // The alternative: a supplier already recorded cannot be picked again, and an alternative
  // without its function is refused by the API at the field.
  dialog = await openAdd(page, 'Add a supplier', `Add a supplier to ${SERVICE}`);
  await picker(dialog, /^Supplier/).fill('strato');
  const taken = page.getByRole('option', { name: /^Stratoforge Cloud B\.V\..*already recorded$/ });
  await taken.waitFor();
  assert.equal(await taken.getAttribute('aria-disabled'), 'true', 'a recorded supplier cannot be picked twice');
  await pick(page, dialog, /^Supplier/, 'cumulus', 'Cumulus Nine Hosting GmbH');
  const alternative = dialog.getByRole('checkbox', { name: 'Alternative (fallback) for this function' });
  await alternative.check();
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.getByText('name the function this provider is an alternative for').waitFor();
  assert.match(await describedBy(alternative), /name the function this provider is an alternative for/, 'the refusal is at the checkbox');
  await shot(page, 'dependency-alternative-refused');
  // The functions already named for the service are offered.
  await functionBox(dialog).click();
  await page.getByRole('option', { name: 'hosting', exact: true }).click();
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.waitFor({ state: 'detached' });
  await direct.getByRole('row', { name: /Cumulus Nine Hosting GmbH.*yes, fallback/ }).waitFor();
  await strato.getByText('single point of failure').waitFor({ state: 'detached' });

  // A third supplier, its function changed, then removed after a question that says what it means.
  dialog = await openAdd(page, 'Add a supplier', `Add a supplier to ${SERVICE}`);
  await pick(page, dialog, /^Supplier/, 'passcairn', 'Passcairn Identity AB');
  await functionBox(dialog).fill('login');
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.waitFor({ state: 'detached' });
  const passcairn = direct.getByRole('row', { name: /Passcairn Identity AB/ });
  await passcairn.getByText('login').waitFor();
  await page.getByRole('button', { name: `Change the dependency of ${SERVICE} on Passcairn Identity AB` }).click();
  dialog = page.getByRole('dialog', { name: 'Change the dependency' });
  await dialog.getByText(`${SERVICE} relies on Passcairn Identity AB.`).waitFor();
  await functionBox(dialog).fill('sign-in');
  await dialog.getByRole('textbox', { name: 'What it provides' }).fill('Driver sign-in with the company account.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await passcairn.getByText('sign-in', { exact: true }).waitFor();
  await passcairn.getByText('single point of failure').waitFor();
  await shot(page, 'service-dependencies');
  await checkLabels(page, 'service page', problems);
  await page.getByRole('button', { name: `Remove the dependency of ${SERVICE} on Passcairn Identity AB` }).click();
  dialog = page.getByRole('dialog', { name: 'Remove the dependency?' });
  await dialog.getByText(`${SERVICE} will no longer be recorded as relying on Passcairn Identity AB for sign-in. Both stay in the register.`).waitFor();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await passcairn.waitFor({ state: 'detached' });
  assert.equal(await direct.locator('tbody tr').count(), 2, 'Stratoforge and Cumulus Nine remain');

  // The supplier's page: who relies on it, fresh; a fourth party added (the supplier itself is
  // not offered), changed and removed; a service that uses it added and removed.
  await direct.getByRole('link', { name: 'Stratoforge Cloud B.V.' }).click();
  await page.getByRole('heading', { name: 'Stratoforge Cloud B.V.', level: 1 }).waitFor();
  await page.getByRole('tab', { name: 'Dependencies' }).click();
  const users = page.getByRole('table', { name: 'Services and suppliers that rely on Stratoforge Cloud B.V.' });
  await users.getByRole('row', { name: new RegExp(`^${escape(SERVICE)}\\s+service\\s+hosting`) }).waitFor();
  await page.getByRole('button', { name: `Change the dependency of ${SERVICE} on Stratoforge Cloud B.V.` }).click();
  dialog = page.getByRole('dialog', { name: 'Change the dependency' });
  await dialog.getByRole('textbox', { name: 'What it provides' }).fill('Runs the planner; its database moves to Cumulus Nine in 2027.');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await users.getByText('Runs the planner; its database moves to Cumulus Nine in 2027.').waitFor();

  const providers = page.getByRole('table', { name: 'Providers Stratoforge Cloud B.V. relies on' });
  const before = await providers.locator('tbody tr').count();
  dialog = await openAdd(page, 'Add a provider (fourth party)', 'Add a provider (fourth party) to Stratoforge Cloud B.V.');
  await picker(dialog, /^Supplier Stratoforge/).fill('stratoforge');
  const itself = page.getByRole('option', { name: /^Stratoforge Cloud B\.V\..*this supplier$/ });
  await itself.waitFor();
  assert.equal(await itself.getAttribute('aria-disabled'), 'true', 'a supplier cannot rely on itself');
  await pick(page, dialog, /^Supplier Stratoforge/, 'fibrenorth', 'Fibrenorth Carrier A/S');
  await functionBox(dialog).fill('connectivity');
  await dialog.getByRole('textbox', { name: 'What it provides' }).fill('Uplink of the Amsterdam data centre.');
  await shot(page, 'fourth-party-add');
  await checkLabels(page, 'fourth party dialog', problems);
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.waitFor({ state: 'detached' });
  const fibrenorth = providers.getByRole('row', { name: /Fibrenorth Carrier A\/S\s+connectivity\s+Uplink of the Amsterdam data centre\./ });
  await fibrenorth.waitFor();
  assert.equal(await providers.locator('tbody tr').count(), before + 1);

  dialog = await openAdd(page, 'Used by a service', 'A service that uses Stratoforge Cloud B.V.');
  await picker(dialog, /^Service/).fill('driver');
  const recorded = page.getByRole('option', { name: new RegExp(`^${escape(SERVICE)}.*already recorded$`) });
  await recorded.waitFor();
  assert.equal(await recorded.getAttribute('aria-disabled'), 'true');
  await pick(page, dialog, /^Service/, 'payroll', 'Payroll');
  await functionBox(dialog).fill('payslip archive');
  await dialog.getByRole('button', { name: 'Record the dependency' }).click();
  await dialog.waitFor({ state: 'detached' });
  await users.getByRole('row', { name: /^Payroll\s+service\s+payslip archive/ }).waitFor();
  await shot(page, 'supplier-dependencies');
  await checkLabels(page, 'supplier dependencies', problems);

  // A viewer (the demo auditor) reads the same dependencies and is offered no change.
  const viewer = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const auditor = await viewer.newPage();
  auditor.on('pageerror', (e) => problems.push(`viewer page error: ${e.message}`));
  await auditor.goto(`${app.base}/login`);
  await auditor.getByLabel('E-mail').fill('auditor@northwind.example');
  await auditor.getByRole('textbox', { name: 'Password' }).fill(app.password);
  await auditor.getByRole('button', { name: 'Sign in' }).click();
  await auditor.getByText('viewer', { exact: true }).waitFor();
  await auditor.goto(`${app.base}/services`);
  await auditor.getByRole('link', { name: SERVICE }).waitFor();
  assert.equal(await auditor.getByRole('button', { name: 'New service' }).count(), 0, 'a viewer registers no service');
  await auditor.goto(page.url());
  await auditor.getByRole('tab', { name: 'Dependencies' }).click();
  await auditor.getByRole('table', { name: 'Providers Stratoforge Cloud B.V. relies on' }).getByRole('link', { name: 'Fibrenorth Carrier A/S' }).waitFor();
  for (const control of ['Add a provider (fourth party)', 'Used by a service', 'Change', 'Remove'])
    assert.equal(await auditor.getByRole('button', { name: control }).count(), 0, `a viewer is offered no "${control}"`);
  await auditor.getByRole('link', { name: SERVICE }).click();
  await auditor.getByRole('table', { name: `Suppliers ${SERVICE} relies on directly` }).waitFor();
  for (const control of ['Edit service', 'Delete service', 'Add a supplier', 'Change', 'Remove'])
    assert.equal(await auditor.getByRole('button', { name: control }).count(), 0, `a viewer is offered no "${control}" on a service`);
  await viewer.close();

  // The demo supplier is left as it was: the fourth party and the using service removed again.
  await page.getByRole('button', { name: 'Remove the dependency of Stratoforge Cloud B.V. on Fibrenorth Carrier A/S' }).click();
  dialog = page.getByRole('dialog', { name: 'Remove the dependency?' });
  await dialog
    .getByText('Stratoforge Cloud B.V. will no longer be recorded as relying on Fibrenorth Carrier A/S for connectivity.', { exact: false })
    .waitFor();
  await dialog.getByRole('button', { name: 'Remove' }).click();
  await fibrenorth.waitFor({ state: 'detached' });
  // The first confirmation must be gone before the second opens, or two dialogs share a name.
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Remove the dependency of Payroll on Stratoforge Cloud B.V.' }).click();
  await page.getByRole('dialog', { name: 'Remove the dependency?' }).getByRole('button', { name: 'Remove' }).click();
  await users.getByRole('row', { name: /^Payroll\s/ }).waitFor({ state: 'detached' });

  // The service edited: another level of criticality, and essential under NIS 2.
  await users.getByRole('link', { name: SERVICE }).click();
  await page.getByRole('heading', { name: SERVICE, level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Edit service' }).click();
  dialog = page.getByRole('dialog', { name: `Edit ${SERVICE}` });
  await dialog.getByRole('radio', { name: '3, significant' }).check();
  await dialog.getByRole('checkbox', { name: 'Essential or important under NIS 2' }).check();
  await dialog.getByRole('button', { name: 'Save' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText(/^Criticality 3\/5, significant · NIS 2 critical service/).waitFor();

  // Deleted, after a question naming the dependencies that go with it.
  await page.getByRole('button', { name: 'Delete service' }).click();
  dialog = page.getByRole('dialog', { name: `Delete ${SERVICE}?` });
  await dialog
    .getByText(`This deletes the service ${SERVICE} and its 2 dependencies: it relies on Cumulus Nine Hosting GmbH and Stratoforge Cloud B.V.`, {
      exact: false,
    })
    .waitFor();
  await shot(page, 'service-delete');
  await dialog.getByRole('button', { name: 'Delete the service' }).click();
  await page.getByRole('heading', { name: 'Services', level: 1 }).waitFor();
  await page.getByRole('link', { name: 'Customer portal' }).waitFor();
  await page.getByRole('link', { name: SERVICE }).waitFor({ state: 'detached' });
}

/** Opens the add dialog by its button; returns the dialog. */
async function openAdd(page, button, title) {
  await page.getByRole('button', { name: button, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: title });
  await dialog.waitFor();
  return dialog;
}

/** The search box of the dialog's supplier or service picker. */
function picker(dialog, label) {
  return dialog.getByRole('textbox', { name: label }).or(dialog.getByRole('combobox', { name: label }));
}

/** Searches `text` in the picker and takes the match named `option`. */
async function pick(page, dialog, label, text, option) {
  await picker(dialog, label).fill(text);
  await page.getByRole('option', { name: new RegExp(`^${escape(option)}`) }).click();
  assert.equal(await picker(dialog, label).inputValue(), option);
}

/** The function field (a text box with suggestions). */
function functionBox(dialog) {
  return dialog.getByRole('textbox', { name: 'Function', exact: true }).or(dialog.getByRole('combobox', { name: 'Function', exact: true }));
}

/** What a control's aria-describedby points at: its description and its error. */
function describedBy(locator) {
  return locator.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}
