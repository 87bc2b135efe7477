// Settings, data retention and tokens; a supplier contact erased; a viewer reads and changes
// nothing; the dashboard on a phone.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

export default async function settingsViewer({ app, page, problems }) {
  // Settings: an API token shown once, the remediation deadlines.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('critical').first().fill('10');
  // Who e-mails to suppliers come from and reach on reply; a wrong address is named.
  await page.getByLabel('Sender name').fill('Northwind Procurement');
  await page.getByLabel('Replies go to').fill('procurement at northwind');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('"procurement at northwind" is not an e-mail address').waitFor();
  await page.getByLabel('Replies go to').fill('procurement@northwind.example');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved').waitFor();
  await page.reload();
  assert.equal(await page.getByLabel('Sender name').inputValue(), 'Northwind Procurement');
  assert.equal(await page.getByLabel('Replies go to').inputValue(), 'procurement@northwind.example');
  // Data retention: an empty period is named on its field; periods saved are read back.
  const logs = page.getByLabel('Webhook delivery logs');
  await logs.fill('');
  await page.getByRole('button', { name: 'Save retention' }).click();
  await page.getByText('between 7 and 3650 days').waitFor();
  assert.equal(await logs.getAttribute('aria-invalid'), 'true', 'the error is on the empty field');
  await logs.fill('60');
  await page.getByLabel('Copies of e-mails sent').fill('30');
  await page.getByRole('switch', { name: 'Keep audit events for ever' }).click();
  await page.getByLabel('Audit events', { exact: true }).fill('3650');
  await page.getByRole('switch', { name: "Keep terminated suppliers' documents for ever" }).click();
  await page.getByRole('button', { name: 'Save retention' }).click();
  await page.getByText('Retention saved').waitFor();
  await shot(page, 'settings-retention');
  await checkLabels(page, 'settings (retention)', problems);
  await page.reload();
  assert.equal(await page.getByLabel('Copies of e-mails sent').inputValue(), '30');
  assert.equal(await page.getByLabel('Webhook delivery logs').inputValue(), '60');
  assert.equal(await page.getByLabel('Audit events', { exact: true }).inputValue(), '3650');
  assert.ok(!(await page.getByRole('switch', { name: 'Keep audit events for ever' }).isChecked()));
  assert.ok(await page.getByRole('switch', { name: "Keep terminated suppliers' documents for ever" }).isChecked());
  assert.ok(await page.getByLabel("Terminated suppliers' documents", { exact: true }).isDisabled(), 'kept for ever: no period');
  // Users: any other user may be erased, never yourself; going back erases nothing.
  await page.getByRole('tab', { name: 'Users' }).click();
  await page.getByRole('button', { name: 'Erase auditor@northwind.example' }).click();
  const user = page.getByRole('dialog', { name: /^Erase .*\?$/ });
  await user.getByText('They can no longer sign in.').waitFor();
  await checkLabels(page, 'erase user', problems);
  await user.getByRole('button', { name: 'Go back' }).click();
  await user.waitFor({ state: 'detached' });
  assert.equal(await page.getByRole('button', { name: `Erase ${app.email}` }).count(), 0, 'no erasing yourself');
  await page.getByRole('tab', { name: 'API tokens' }).click();
  await page.getByLabel('Token name').fill('GRC nightly sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByText('Copy the token now: it is not shown again').waitFor();
  await shot(page, 'settings-token');
  await checkLabels(page, 'settings', problems);

  // A supplier contact erased (GDPR Art. 17): the red button waits for their e-mail address;
  // the contact then goes by a pseudonym.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Search').fill('Eastwind');
  await page.getByRole('link', { name: 'Eastwind Freight Software GmbH' }).click();
  await page.getByText('Sam Second <sam@eastwind.example>').waitFor();
  await page.getByRole('button', { name: 'Erase Sam Second' }).click();
  const erasing = page.getByRole('dialog', { name: 'Erase Sam Second?' });
  await erasing.getByText('Documents they uploaded are not changed.').waitFor();
  const erase = erasing.getByRole('button', { name: 'Erase', exact: true });
  assert.ok(await erase.isDisabled(), 'nothing is erased before the address is typed');
  await erasing.getByLabel('Type their e-mail address to confirm').fill('sam@eastwind');
  assert.ok(await erase.isDisabled(), 'a part of the address is not enough');
  await erasing.getByLabel('Type their e-mail address to confirm').fill('sam@eastwind.example');
  await shot(page, 'erase-contact');
  await checkLabels(page, 'erase contact', problems);
  await erase.click();
  const notice = page.locator('.mantine-Notification-root').filter({ hasText: 'Sam Second erased' });
  const pseudonym = (await notice.innerText()).match(/"(Erased person [0-9a-f]+)"/)?.[1];
  assert.ok(pseudonym, 'the notification names the pseudonym');
  const tag = pseudonym.replace('Erased person ', '');
  await page.getByText(`${pseudonym} <erased-${tag}@erased.invalid>`).waitFor();
  assert.equal(await page.getByText('sam@eastwind.example').count(), 0, 'the address is gone from the page');
  assert.equal(await page.getByRole('button', { name: `Erase ${pseudonym}` }).count(), 0, 'an erased contact is not offered again');
  await shot(page, 'contact-erased');

  // A viewer (the demo auditor) reads everything and is offered no change.
  await page.getByRole('button', { name: 'Sign out' }).click();
  // The supplier page has an E-mail field of its own (a new contact's): wait for the sign-in form.
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  await page.getByLabel('E-mail').fill('auditor@northwind.example');
  await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('viewer', { exact: true }).waitFor();
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('link', { name: 'Cobbleton Payments S.A.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New supplier' }).count(), 0, 'viewers cannot create suppliers');
  assert.equal(await page.getByRole('button', { name: 'Import register' }).count(), 0, 'viewers cannot import a register');
  // A link bookmarked before statuses were typed (?status=open) still filters.
  await page.goto(`${app.base}/findings?status=open`);
  await page.getByRole('columnheader', { name: 'Finding' }).waitFor();
  await page.getByRole('cell').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'in progress' }).count(), 0, 'viewers change no finding');
  await page.goto(`${app.base}/settings`);
  await page.getByText('Only administrators change these.').waitFor();
  await page.getByText('Only administrators change the retention periods.').waitFor();
  assert.equal(await page.getByLabel('Copies of e-mails sent').inputValue(), '30');
  assert.ok(await page.getByLabel('Copies of e-mails sent').isDisabled(), 'viewers read retention periods');
  assert.equal(await page.getByRole('button', { name: 'Save retention' }).count(), 0);
  assert.ok(await page.getByRole('switch', { name: "Keep terminated suppliers' documents for ever" }).isChecked());
  assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
  await shot(page, 'viewer-settings');

  // The dashboard still reads well on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${app.base}/`);
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  await shot(page, 'dashboard-phone');
}
