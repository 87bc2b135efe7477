// A shipped template cloned and edited as a form: a section and a choice question added (options
// with scores, importance, knock-out, evidence, an ISO control and a NIS 2 reference picked from
// the catalogues), a question moved, the API's refusal shown at its field, the JSON view showing
// the same draft (and refusing what is not JSON), saved and published; on desktop and on a phone.
import assert from 'node:assert/strict';
import { checkLabels, shot } from '../harness.mjs';

/** A Mantine input by its label, whether it presents itself as a combobox or a textbox. */
const field = (scope, name) => scope.getByRole('combobox', { name, exact: true }).or(scope.getByRole('textbox', { name, exact: true }));

/** Picks `option` in the select labelled `name` inside `scope`. */
async function choose(page, scope, name, option) {
  await field(scope, name).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Searches the catalogue picker `name` for `search` and picks the entry that starts with it. */
async function pick(page, scope, name, search) {
  const input = field(scope, name);
  await input.click();
  await input.fill(search);
  await page.getByRole('option', { name: new RegExp(`^${search.replace(/[()]/g, '\\$&')} `) }).click();
  await page.keyboard.press('Escape');
}

/** The draft as the JSON view shows it. */
async function jsonDocument(page) {
  await page.getByRole('tab', { name: 'Advanced: JSON document' }).click();
  return JSON.parse(await page.getByRole('textbox', { name: 'Draft as a JSON document' }).inputValue());
}

export default async function templates({ page, problems }) {
  await page.getByRole('link', { name: 'Templates' }).click();
  await page.getByRole('link', { name: /^Supplier lite/ }).click();
  await page.getByRole('button', { name: 'Clone to edit' }).click();
  await page.getByRole('tab', { name: 'Form', selected: true }).waitFor();
  await page.getByRole('heading', { name: /^Draft \(\d+ questions\)$/ }).waitFor();

  // A new section: its id follows its title (INC is taken, so BUS).
  await page.getByRole('button', { name: 'Add a section' }).click();
  const added = page.getByRole('region', { name: /^Section SEC/ });
  await added.getByRole('textbox', { name: 'Section title' }).fill('Business continuity');
  const section = page.getByRole('region', { name: 'Section BUS: Business continuity' });
  assert.equal(await section.getByRole('textbox', { name: 'Section id' }).inputValue(), 'BUS');

  // A choice question in it, with everything a question carries.
  await section.getByRole('button', { name: 'Add a question to section BUS' }).click();
  const question = page.getByRole('article', { name: 'Question BUS-01' });
  await question.getByRole('textbox', { name: 'Question text' }).fill('How often do you test restoring your backups?');
  await question.getByRole('textbox', { name: 'Help for the respondent' }).fill('A restore test brings back real data from a backup and checks it.');
  await choose(page, question, 'Answer type', 'One of several options');
  await question.getByRole('textbox', { name: 'Option 1 label' }).fill('At least every quarter');
  assert.equal(await question.getByRole('textbox', { name: 'Option 1 value' }).inputValue(), 'at_least_every_quarter', 'the value follows the label');
  await question.getByRole('button', { name: 'Remove option 2' }).click();
  await choose(page, question, 'Importance', 'Critical (20 points)');
  await choose(page, question, 'Evidence', 'Required');
  await question.getByRole('switch', { name: 'Knock-out' }).check();
  await question.getByRole('textbox', { name: 'Finding title' }).fill('Backups are not restored in tests');
  await pick(page, question, 'ISO/IEC 27001 controls and clauses', '8.13');
  await pick(page, question, 'NIS 2 references', '21(2)(c)');

  // One option is not enough: the API says so, at the options of that question and in the list.
  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('The draft needs changes').waitFor();
  // The listed problem leads to its question.
  await page.getByRole('button', { name: 'Section BUS, question BUS-01: options' }).click();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('aria-label')), 'Question BUS-01');
  const atField = await question.getByRole('alert').innerText();
  assert.match(atField, /at least two options/, `the problem shows at the options: ${atField}`);
  await question.getByText('needs changes').waitFor();
  await shot(page, 'template-draft-refused');
  await checkLabels(page, 'template editor', problems);

  // A second option, partly compliant; another a compliant answer by its checkbox.
  await question.getByRole('button', { name: 'Add an option' }).click();
  await question.getByRole('textbox', { name: 'Option 2 label' }).fill('Once a year');
  // The edit answers the problem: it leaves the question and the list until the next save.
  await question.getByText('needs changes').waitFor({ state: 'detached' });
  await page.getByText('The draft needs changes').waitFor({ state: 'detached' });
  await question.getByRole('textbox', { name: 'Option 2 score' }).fill('0.5');
  await question.getByRole('button', { name: 'Add an option' }).click();
  await question.getByRole('textbox', { name: 'Option 3 label' }).fill('Never');
  assert.equal(await question.getByRole('checkbox', { name: 'Option 1 is a compliant answer' }).isChecked(), true);
  assert.equal(await question.getByRole('checkbox', { name: 'Option 3 is a compliant answer' }).isChecked(), false);
  // Reordering: the yearly option first, then back; and BAS-02 before BAS-01.
  await question.getByRole('button', { name: 'Move option 2 up' }).click();
  assert.equal(await question.getByRole('textbox', { name: 'Option 1 label' }).inputValue(), 'Once a year');
  await question.getByRole('button', { name: 'Move option 1 down' }).click();
  await page.getByRole('button', { name: 'Move question BAS-02 up' }).click();
  const basics = page.getByRole('region', { name: /^Section BAS/ });
  assert.deepEqual((await basics.getByRole('article').evaluateAll((a) => a.map((e) => e.getAttribute('aria-label')))).slice(0, 2), [
    'Question BAS-02',
    'Question BAS-01',
  ]);
  await shot(page, 'template-form');

  // The JSON view is the same draft.
  const doc = await jsonDocument(page);
  const bus = doc.sections.find((s) => s.id === 'BUS');
  assert.equal(doc.sections.at(-1), bus, 'the new section comes last');
  assert.deepEqual(
    doc.sections[0].questions.slice(0, 2).map((q) => q.id),
    ['BAS-02', 'BAS-01'],
  );
  const q = bus.questions[0];
  assert.deepEqual(
    { answer: q.answer, importance: q.importance, knock_out: q.knock_out, evidence: q.evidence, iso: q.iso, nis2: q.nis2, finding: q.finding },
    {
      answer: 'choice',
      importance: 'critical',
      knock_out: true,
      evidence: 'required',
      iso: ['8.13'],
      nis2: ['21(2)(c)'],
      finding: 'Backups are not restored in tests',
    },
  );
  assert.deepEqual(
    q.options.map((o) => [o.value, o.score]),
    [
      ['at_least_every_quarter', 1],
      ['once_a_year', 0.5],
      ['never', 0],
    ],
  );

  // Edited as JSON: not JSON is refused with the parser's words; valid JSON reaches the form.
  const json = page.getByRole('textbox', { name: 'Draft as a JSON document' });
  const text = await json.inputValue();
  await json.fill(text.slice(0, -2));
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByText(/^Not valid JSON: /).waitFor();
  assert.equal(await page.getByRole('tab', { name: 'Advanced: JSON document' }).getAttribute('aria-selected'), 'true', 'stays on the JSON view');
  await json.fill(text.replace('"title": "Business continuity"', '"title": "Business continuity and backups"'));
  await page.getByRole('tab', { name: 'Form' }).click();
  await page.getByRole('region', { name: 'Section BUS: Business continuity and backups' }).waitFor();

  // On a phone the form fits the screen.
  const desktop = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page
    .getByRole('button', { name: 'Edit question BUS-01' })
    .or(page.getByRole('button', { name: 'Close question BUS-01' }))
    .first()
    .waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `the editor is ${overflow}px wider than a 390px phone`);
  await shot(page, 'template-form-phone');
  await page.setViewportSize(desktop);

  await page.getByRole('button', { name: 'Save draft' }).click();
  await page.getByText('Draft saved').waitFor();
  await page.getByRole('button', { name: 'Publish as a new version' }).click();
  await page.getByText(/^Version 1 can now be sent\.$/).waitFor();
  // The published version lists the new question; the next edit starts version 2.
  await page.getByRole('button', { name: 'Save draft' }).waitFor({ state: 'detached' });
  await page.getByRole('heading', { name: /^Version 1: \d+ questions$/ }).waitFor();
  await page.getByText('BUS-01', { exact: true }).waitFor();
  await page.getByText(/How often do you test restoring your backups\?/).waitFor();
  await page.getByRole('button', { name: 'Edit as version 2' }).click();
  await page.getByRole('heading', { name: 'Draft of version 2' }).waitFor();
  await page.getByRole('region', { name: 'Section BUS: Business continuity and backups' }).waitFor();
  // A new question gets the keyboard at once.
  await page.getByRole('button', { name: 'Add a question to section BUS' }).click();
  await page.getByRole('article', { name: 'Question BUS-02' }).getByRole('textbox', { name: 'Question text' }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.closest('article')?.getAttribute('aria-label')), 'Question BUS-02');
  await shot(page, 'template-published');
}
