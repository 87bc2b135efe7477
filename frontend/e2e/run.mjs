// End-to-end: the real `chainward serve --with-demo-data` on a fresh SQLite database in a
// temporary directory, driven in Debian's headless Chromium by playwright-core, as the
// analysts and a supplier live it. Each step leaves a screenshot in e2e/screenshots/. Fails on
// any failed check, console error or unlabelled control.
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { checkLabels, invitationLink, launchBrowser, shot, shots, startChainward, steps, stopChainward } from './harness.mjs';

const app = await startChainward();
const browser = await launchBrowser();
const problems = [];
let page;
let phone;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));

  // The analyst signs in; a wrong password is refused in words.
  await page.goto(`${app.base}/`);
  await page.getByLabel('E-mail').fill(app.email);
  await page.getByRole('textbox', { name: 'Password' }).fill('not the password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('alert').waitFor();
  await shot(page, 'login-refused');
  // Signing in works from the keyboard alone.
  await page.getByLabel('E-mail').focus();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(app.password);
  await page.keyboard.press('Enter');

  // The dashboard: heat map, ratings, campaigns and remediation of the demo.
  await page.getByRole('heading', { name: 'Dashboard' }).waitFor();
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  await page.getByText('Logistics software baseline 2027').waitFor();
  await shot(page, 'dashboard');
  await checkLabels(page, 'dashboard', problems);
  const overdue = await page.getByRole('link', { name: /overdue/ }).innerText();
  assert.match(overdue, /^1\s/, `one overdue finding in the demo, saw ${overdue}`);

  // Each heat map cell is coloured by the worst rating of the suppliers in it (its label
  // counts them worst first), not by its place, and the dashboard's rating counts agree.
  const cells = page.getByRole('table', { name: 'Risk heat map' }).locator('a[role="cell"]');
  const perRating = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const c of await cells.all()) {
    const label = await c.getAttribute('aria-label');
    const counts = [...label.matchAll(/(\d+) (critical|high|medium|low)/g)];
    assert.ok(counts.length, `a cell names its ratings: ${label}`);
    assert.equal(await c.getAttribute('data-tone'), counts[0][2], `coloured by its worst rating: ${label}`);
    for (const [, n, rating] of counts) perRating[rating] += Number(n);
  }
  for (const [rating, n] of Object.entries(perRating)) {
    const tile = await page.locator(`button[data-rating="${rating}"]`).innerText();
    assert.equal(Number(tile.match(/\d+/)[0]), n, `the heat map and the ${rating} tile agree`);
  }

  // GraphiQL comes from Chainward itself (nothing from another host) and queries as the
  // signed-in analyst.
  const elsewhere = [];
  const offsite = (request) => {
    if (!request.url().startsWith(app.base) && !/^(data|blob):/.test(request.url())) elsewhere.push(request.url());
  };
  page.on('request', offsite);
  const posted = (text) => (r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && !!r.request().postData()?.includes(text);
  const introspected = page.waitForResponse(posted('__schema'));
  await page.goto(`${app.base}/graphql`);
  assert.equal((await introspected).status(), 200, 'GraphiQL reads the schema (introspection within the depth limit)');
  await page.locator('.graphiql-query-editor').getByText('suppliers').first().waitFor();
  const answered = page.waitForResponse(posted('suppliers(first: 5)'));
  await page.getByRole('button', { name: /^Execute query/ }).click();
  const result = await (await answered).json();
  assert.ok(result.data?.suppliers?.totalCount > 0, `GraphiQL queries as the analyst: ${JSON.stringify(result).slice(0, 200)}`);
  await page.locator('.graphiql-response').getByText('"legalName"').first().waitFor();
  await shot(page, 'graphiql');
  page.off('request', offsite);
  assert.deepEqual(elsewhere, [], 'GraphiQL loads nothing from another host');
  await page.goto(`${app.base}/`);

  // A heat map cell opens the suppliers in it.
  const cell = page
    .getByRole('table', { name: 'Risk heat map' })
    .getByRole('cell', { name: /supplier/ })
    .first();
  const inCell = (await cell.getAttribute('aria-label')).match(/: (\d+) supplier/)[1];
  await cell.click();
  await page.getByText(/^Heat map: inherent \d, residual \d$/).waitFor();
  await page.getByText(`1-${inCell} of ${inCell}`).waitFor();
  await page.goto(`${app.base}/`);

  // A rating tile opens the register filtered by that rating.
  const high = await page.locator('button[data-rating="high"]').innerText();
  await page.locator('button[data-rating="high"]').click();
  await page.getByRole('heading', { name: 'Suppliers' }).waitFor();
  const count = high.match(/\d+/)[0];
  await page.getByText(`1-${count} of ${count}`).waitFor();
  await shot(page, 'register-rated-high');

  // The register: search narrows it, a supplier's page explains its score.
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('heading', { name: 'Suppliers' }).waitFor();
  // Sorted by rating, riskiest first: the one critical supplier of the demo heads the list.
  await page.locator('th', { hasText: 'Rating' }).click();
  await page.locator('th', { hasText: 'Rating' }).click();
  await page.locator('tbody tr').first().getByText('critical', { exact: true }).waitFor();
  await page.getByLabel('Search').fill('Passcairn');
  await page.getByRole('link', { name: 'Passcairn Identity AB' }).click();
  await page.getByRole('heading', { name: 'Passcairn Identity AB' }).waitFor();
  await page
    .getByText(/Security score \d+\/100/)
    .first()
    .waitFor();
  await shot(page, 'supplier-score');
  await page.getByRole('tab', { name: /Findings/ }).click();
  await page
    .getByRole('cell', { name: /overdue|open|in progress/ })
    .first()
    .waitFor();

  // The findings board, overdue only, from the dashboard's link.
  await page.goto(`${app.base}/findings?overdue=true`);
  await page.getByRole('heading', { name: 'Findings' }).waitFor();
  await page.getByText('1-1 of 1').waitFor();
  await shot(page, 'findings-overdue');
  await checkLabels(page, 'findings', problems);
  await page.getByLabel('Mine').click();
  await page.getByText('No finding matches').waitFor();

  // Register filters: country and NIS 2 relevance.
  await page.goto(`${app.base}/suppliers`);
  await page.getByLabel('Countries').fill('CZ');
  await page.getByLabel('NIS 2 relevant').check();
  await page.getByRole('link', { name: 'Dockside Telematix s.r.o.' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Passcairn Identity AB' }).count(), 0);

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

  // Services: single points of failure, and one service's supply chain with what it inherits.
  await page.getByRole('link', { name: 'Services' }).click();
  await page.getByText(/single point\(s\) of failure/).waitFor();
  await page.getByRole('link', { name: 'Customer portal' }).click();
  await page.getByText('inherited open findings').waitFor();
  await page.getByRole('cell', { name: /Customer portal → Stratoforge Cloud B\.V\. → Nightbeacon/ }).waitFor();
  await shot(page, 'service-supply-chain');

  // The dependency graph, focused on one service; a click opens a supplier.
  await page.getByRole('link', { name: 'Dependency graph' }).click();
  await page.getByRole('img', { name: /Dependency graph: \d+ services and suppliers/ }).waitFor();
  await page
    .getByRole('textbox', { name: 'Focus on a service' })
    .or(page.getByRole('combobox', { name: 'Focus on a service' }))
    .click();
  await page.getByRole('option', { name: 'Customer portal' }).click();
  await page.getByRole('button', { name: 'Zoom out' }).click();
  await shot(page, 'dependency-graph');
  await page.getByRole('link', { name: /^Passcairn Identity AB, rated critical$/ }).click();
  await page.getByRole('heading', { name: 'Passcairn Identity AB' }).waitFor();

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
  await dialog.getByLabel('Contact name').fill('Erin Example');
  await dialog.getByLabel('Contact e-mail').fill('erin@eastwind.example');
  await dialog.getByRole('button', { name: 'Create supplier' }).click();
  await page.getByRole('heading', { name: 'Eastwind Freight Software GmbH' }).waitFor();
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

  // The respondent opens the link from the mail folder on a phone, answers, attaches a
  // document and submits; one knock-out question is answered "no".
  const link = await invitationLink(app.work, 'erin@eastwind.example');
  const respondent = await browser.newContext({ viewport: { width: 390, height: 844 } });
  phone = await respondent.newPage();
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
  const document = {
    name: 'security-policy.pdf',
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n% e2e\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  };
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
  await shot(phone, 'respondent-submitted');

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
  await page.getByRole('cell', { name: /back up our data/ }).waitFor();
  await shot(page, 'score-and-finding');

  // The supplier fixes the backups and proves it through the same link; the analyst verifies
  // the fix and the supplier's score moves.
  await phone.reload();
  await phone.getByRole('heading', { name: 'Remediation' }).waitFor();
  const backups = phone.locator('[data-finding]').filter({ hasText: /back up our data/ });
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
  await page.goto(`${app.base}/findings?status=RESOLVED`);
  const row = page.getByRole('row').filter({ hasText: /back up our data/ });
  await row.getByRole('button', { name: 'verified' }).click();
  await page.getByText('Now verified.').waitFor();
  await shot(page, 'finding-verified');
  await page.goto(app.base + '/suppliers');
  await page.getByLabel('Search').fill('Eastwind');
  await page.getByRole('link', { name: 'Eastwind Freight Software GmbH' }).click();
  await page.getByRole('cell', { name: 'finding verified' }).waitFor();
  await page.getByText(/Counted as compliant after a verified fix: DAT-04/).waitFor();
  await shot(page, 'score-after-fix');

  // Settings: an API token shown once, the remediation deadlines.
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByLabel('critical').first().fill('10');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await page.getByText('Settings saved').waitFor();
  await page.getByRole('tab', { name: 'API tokens' }).click();
  await page.getByLabel('Token name').fill('GRC nightly sync');
  await page.getByRole('button', { name: 'Create token' }).click();
  await page.getByText('Copy the token now: it is not shown again').waitFor();
  await shot(page, 'settings-token');
  await checkLabels(page, 'settings', problems);

  // A viewer (the demo auditor) reads everything and is offered no change.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('E-mail').fill('auditor@northwind.example');
  await page.getByRole('textbox', { name: 'Password' }).fill(app.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText('viewer', { exact: true }).waitFor();
  await page.goto(`${app.base}/suppliers`);
  await page.getByRole('link', { name: 'Cobbleton Payments S.A.' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'New supplier' }).count(), 0, 'viewers cannot create suppliers');
  // A link bookmarked before statuses were typed (?status=open) still filters.
  await page.goto(`${app.base}/findings?status=open`);
  await page.getByRole('columnheader', { name: 'Finding' }).waitFor();
  await page.getByRole('cell').first().waitFor();
  assert.equal(await page.getByRole('button', { name: 'in progress' }).count(), 0, 'viewers change no finding');
  await page.goto(`${app.base}/settings`);
  await page.getByText('Only administrators change these.').waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Users' }).count(), 0);
  await shot(page, 'viewer-settings');

  // The dashboard still reads well on a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${app.base}/`);
  await page.getByRole('table', { name: 'Risk heat map' }).waitFor();
  await shot(page, 'dashboard-phone');

  assert.deepEqual(problems, [], 'no console errors');
  console.log(`e2e passed: ${steps()} screenshots in ${shots}`);
} catch (error) {
  if (page) await page.screenshot({ path: join(shots, 'failure.png'), fullPage: true }).catch(() => {});
  if (phone) await phone.screenshot({ path: join(shots, 'failure-respondent.png'), fullPage: true }).catch(() => {});
  console.error(problems.join('\n'));
  throw error;
} finally {
  await browser.close();
  stopChainward(app);
}
