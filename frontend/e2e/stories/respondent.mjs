// The supplier answers on a phone: refusals at the button, truthful saving, an import, delegation.
import assert from 'node:assert/strict';
import { checkLabels, invitationLink, mailTo, shot } from '../harness.mjs';

export default async function respondent({ app, browser, problems, state }) {
  // The respondent opens the link from the mail folder on a phone, answers, attaches a
  // document and submits; one knock-out question is answered "no".
  const link = await invitationLink(app.work, 'erin@eastwind.example');
  const respondent = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await respondent.newPage();
  state.phone = phone;
  phone.on('console', (m) => m.type() === 'error' && problems.push(`respondent console: ${m.text()}`));
  phone.on('pageerror', (e) => problems.push(`respondent page error: ${e.message}`));
  await phone.goto(link);
  await phone.getByText(/asks Eastwind Freight Software GmbH to answer/).waitFor();
  assert.ok(!phone.url().includes('token='), 'the token leaves the address bar');
  await shot(phone, 'respondent-landing-phone');
  await checkLabels(phone, 'respondent', problems);
  await phone.getByRole('button', { name: 'Submit answers' }).click();
  await phone.getByText('Some questions need your attention before you can submit.').waitFor();
  // The refusal lists each question to fix at the button; one click opens its section.
  const goToData = phone.getByRole('button', { name: /^Go to DAT-/ }).first();
  const target = (await goToData.getAttribute('aria-label')).slice('Go to '.length);
  await goToData.click();
  await phone.locator(`[data-question="${target}"]`).waitFor({ state: 'visible' });
  await phone.locator('[role="tabpanel"]:visible').getByText('not answered').first().waitFor();
  await shot(phone, 'respondent-submit-refused');
  // One answer typed on the web first: the indicator says it is not saved until the server
  // holds it, and closing the tab meanwhile asks first.
  // The save is held back at the network until the page has been asked to close.
  let release;
  const held = new Promise((done) => {
    release = done;
  });
  await phone.route('**/graphql', async (route) => {
    if (route.request().postData()?.includes('RespondentSave')) await held;
    await route.continue();
  });
  await phone.getByRole('tab').first().click();
  const bas03 = phone.locator('[data-question="BAS-03"]');
  await bas03.getByRole('textbox').first().fill('Ines Example, security officer');
  await phone.locator('[data-save-state="unsaved"]').waitFor();
  await phone.locator('[data-save-state="saving"]').waitFor();
  let warned = false;
  const asked = new Promise((done) =>
    phone.once('dialog', async (dialog) => {
      warned = dialog.type() === 'beforeunload';
      await dialog.dismiss();
      done();
    }),
  );
  await phone.close({ runBeforeUnload: true });
  await asked;
  release();
  await phone.locator('[data-save-state="saved"]').waitFor({ timeout: 15_000 });
  await phone.unroute('**/graphql');
  assert.ok(warned, 'leaving with an unsaved answer asks first');
  assert.ok(!phone.isClosed(), 'and staying keeps the page');
  // Part of the answers come from the supplier's own spreadsheet: a dry run first, then import.
  await phone.getByRole('button', { name: 'Upload a filled spreadsheet instead' }).click();
  const sheet = 'Nr.;Frage;Antwort\r\nBAS-01;Written security policy?;Ja\r\nBAS-02;Named person?;Ja\r\nXYZ-99;A question of another questionnaire;Nein\r\n';
  const wizard = phone.getByRole('dialog', { name: 'Import answers from a spreadsheet' });
  await wizard.locator('input[type="file"]').setInputFiles({ name: 'our-answers.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet) });
  await wizard.getByText(/^Found: /).waitFor();
  await wizard.getByText('2 new').waitFor();
  await wizard.getByText('1 unmatched rows').waitFor();
  await shot(phone, 'respondent-import-dry-run');
  // The row with another questionnaire's id is the supplier's answer to BAS-06.
  await wizard
    .getByRole('textbox', { name: 'Question for XYZ-99' })
    .or(wizard.getByRole('combobox', { name: 'Question for XYZ-99' }))
    .click();
  await phone.getByRole('option', { name: /^BAS-06 / }).click();
  await wizard.getByText('3 new').waitFor();
  await wizard.getByText('0 unmatched rows').waitFor();
  await wizard.getByRole('button', { name: 'Import 3 answer(s)' }).click();
  await phone.getByText(/^3 of 21 questions answered/).waitFor();
  // The form shows the imported answers, says where they came from, and keeps the one typed
  // on the web before the import.
  const bas01 = phone.locator('[data-question="BAS-01"]');
  await bas01.getByText('From your spreadsheet').waitFor();
  await shot(phone, 'respondent-after-import');
  assert.ok(await bas01.locator('input[value="yes"]').isChecked(), 'BAS-01 shows the imported yes');
  assert.ok(await phone.locator('[data-question="BAS-06"] input[value="no"]').isChecked(), 'BAS-06 shows the imported no');
  assert.equal(await bas03.getByRole('textbox').first().inputValue(), 'Ines Example, security officer');
  assert.equal(await bas03.getByText('From your spreadsheet').count(), 0);
  const document = (state.document = {
    name: 'security-policy.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% e2e\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  });
  // A section handed to a colleague: they get a link of their own; withdrawn, it ends.
  await phone.getByRole('button', { name: 'Hand sections to a colleague' }).click();
  await phone.getByLabel("Colleague's name").fill('Omar Colleague');
  await phone.getByLabel("Colleague's e-mail").fill('omar@eastwind.example');
  const delegation = phone.locator('.mantine-Card-root', { has: phone.getByRole('heading', { name: 'Hand sections to a colleague' }) });
  await delegation.locator('.mantine-MultiSelect-input').click();
  await phone.getByRole('option', { name: 'Subcontractors' }).click();
  await phone.keyboard.press('Escape');
  await phone.getByRole('button', { name: 'Send them a link' }).click();
  const delegated = phone.locator('[data-delegation="omar@eastwind.example"]');
  await delegated.getByText('Omar Colleague <omar@eastwind.example>: Subcontractors').waitFor();
  assert.ok(await invitationLink(app.work, 'omar@eastwind.example'), 'the colleague has a link of their own');
  await shot(phone, 'respondent-delegated');
  await delegated.getByRole('button', { name: 'Withdraw' }).click();
  await delegated.getByText('withdrawn').waitFor();
  // On the phone, the end of a section leads to the next one.
  await phone.getByRole('tab').first().click();
  await phone
    .getByRole('button', { name: /^Next section: / })
    .first()
    .click();
  assert.equal(await phone.getByRole('tab').nth(1).getAttribute('aria-selected'), 'true', 'the next section opens');
  for (const tab of await phone.getByRole('tab').all()) {
    await tab.click();
    for (const card of await phone.locator('[role="tabpanel"]:visible [data-question]').all()) {
      const id = await card.getAttribute('data-question');
      const type = await card.getAttribute('data-type');
      if (type === 'YES_NO_NA')
        await card
          .locator('label')
          .filter({ hasText: id === 'DAT-04' ? /^No$/ : /^Yes$/ })
          .click();
      else if (type === 'CHOICE') {
        await card.getByRole('combobox').first().click();
        await phone.getByRole('option').first().click();
      } else if (type === 'DATE') await card.locator('input[type="date"]').fill('2026-10-01');
      else if (type === 'NUMBER') await card.getByRole('textbox').first().fill('4');
      else if (type === 'TEXT') await card.getByRole('textbox').first().fill('security@eastwind.example');
      if (type === 'FILE' || ((await card.locator('input[type="file"]').count()) > 0 && id === 'BAS-01')) {
        await card.locator('input[type="file"]').setInputFiles(document);
        await card.getByText(`Document: ${document.name}`).waitFor();
      }
    }
  }
  await phone.getByText(/^21 of 21 questions answered/).waitFor({ timeout: 15_000 });
  await phone.getByText('All changes saved').waitFor({ timeout: 15_000 });
  await shot(phone, 'respondent-answered');
  await phone.getByRole('button', { name: 'Submit answers' }).click();
  await phone.getByText('your answers were submitted for review').waitFor();
  // A receipt follows: from the organisation by name, a person to reply to, an HTML part,
  // the answers as a workbook, and a link of its own that opens the questionnaire.
  const receipt = await mailTo(app.work, 'erin@eastwind.example', /Subject: Received: your answers/);
  // A name with parentheses travels encoded (RFC 2047): read it as a mail client would.
  const from = receipt.match(/^From: (.+) </m)[1].replace(/=\?utf-8\?b\?([^?]+)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
  assert.match(from, /^"?Northwind Logistics.* via Chainward"?$/, `the sender names the organisation: ${from}`);
  assert.match(receipt, /^Reply-To: .+<[^>]+@northwind\.example>/m);
  assert.match(receipt, /Content-Type: text\/html/);
  assert.match(receipt, /Content-Disposition: attachment; filename="[^"]+\.xlsx"/);
  const again = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const reopened = await again.newPage();
  await reopened.goto(receipt.match(/https?:\/\/\S+\/respond#token=[A-Za-z0-9_-]+/)[0]);
  await reopened.getByText(/asks Eastwind Freight Software GmbH to answer/).waitFor();
  await again.close();
  await shot(phone, 'respondent-submitted');
}
