// The API's problems with a draft, placed at the section, question and field of the form they
// concern. The API names them by index (`content.sections[0].questions[2].importance`), by id
// (`content.question[GOV-01]` with "options: needs at least two options") or not at all
// (`content`); indices are resolved against the draft that was sent, so the places stay right
// when the form is reordered afterwards.
import type { TemplateDraft } from './templateDraft';

/** Where a problem shows in the form: the client keys of the section and question, and the
 * field by its name in the document (`importance`, `options`, `iso`; '' for the whole item). */
export interface Place {
  section: string;
  question?: string;
  field: string;
}

export interface PlacedProblem {
  /** The path as the API named it. */
  path: string;
  /** The problem in words, as the field shows it. */
  message: string;
  /** Where it is, in words, for the list above the form. */
  where: string;
  places: Place[];
}

const QUESTION_FIELDS = [
  'id',
  'text',
  'help',
  'answer',
  'options',
  'importance',
  'compliant',
  'knock_out',
  'evidence',
  'iso',
  'iso_clauses',
  'nis2',
  'external',
  'range',
  'unit',
  'max_age_days',
  'maturity_labels',
  'finding',
];
const SECTION_FIELDS = ['id', 'title', 'questions'];

/** The field a message is about, and the message without the field's name in front. */
export function fieldOfMessage(message: string, fields: string[]): { field: string; message: string } {
  const prefixed = /^([a-z_0-9]+): (.*)$/s.exec(message);
  if (prefixed && fields.includes(prefixed[1])) return { field: prefixed[1], message: prefixed[2] };
  const missing = /missing field `([a-z_0-9]+)`/.exec(message);
  if (missing && fields.includes(missing[1])) return { field: missing[1], message };
  const variant = /unknown variant `[^`]*`, expected (?:one of )?(.*)$/.exec(message);
  if (variant) {
    const expected = variant[1];
    if (expected.includes('yes_no_na')) return { field: 'answer', message };
    if (expected.includes('standard')) return { field: 'importance', message };
    if (expected.includes('optional')) return { field: 'evidence', message };
  }
  const rules: [RegExp, string][] = [
    [/^(control|clause) .* does not exist|map to at least one ISO control/, 'iso'],
    [/^NIS 2 reference/, 'nis2'],
    [/^knock_out/, 'knock_out'],
    [/^finding /, 'finding'],
    [/^text (must|and help)/, 'text'],
    [/^id /, 'id'],
    [/^title /, 'title'],
    [/has no questions/, 'questions'],
  ];
  for (const [pattern, field] of rules) if (pattern.test(message) && fields.includes(field)) return { field, message };
  return { field: '', message };
}

const FIELD_WORDS: Record<string, string> = {
  id: 'id',
  text: 'question text',
  help: 'help',
  answer: 'answer type',
  options: 'options',
  importance: 'importance',
  compliant: 'compliant answer',
  knock_out: 'knock-out',
  evidence: 'evidence',
  iso: 'ISO references',
  iso_clauses: 'ISO references',
  nis2: 'NIS 2 references',
  external: 'external references',
  range: 'compliant range',
  unit: 'unit',
  max_age_days: 'maximum age',
  maturity_labels: 'level labels',
  finding: 'finding title',
  title: 'title',
  questions: 'questions',
};

/** The form's field for a document field: the ISO picker holds controls and clauses alike. */
export const formField = (field: string) => (field === 'iso_clauses' ? 'iso' : field);

/** Every problem of `errors` (path -> message, as `fieldErrors` gives them) with its places in
 * `draft`, the draft that was sent; problems it cannot place have no places. */
export function placeProblems(errors: Record<string, string>, draft: TemplateDraft | null): PlacedProblem[] {
  return Object.entries(errors).map(([path, raw]) => {
    const relative = path.replace(/^content\.?/, '');
    const placed = (places: Place[], where: string, message = raw): PlacedProblem => ({ path, message, where, places });
    if (!draft) return placed([], 'The document');

    const indexed = /^sections\[(\d+)\](?:\.questions\[(\d+)\])?(?:\.([a-z_0-9]+))?/.exec(relative);
    if (indexed) {
      const section = draft.sections[Number(indexed[1])];
      if (!section) return placed([], 'The document');
      const question = indexed[2] === undefined ? undefined : section.questions[Number(indexed[2])];
      const fields = question ? QUESTION_FIELDS : SECTION_FIELDS;
      const named = indexed[3] && fields.includes(indexed[3]) ? { field: indexed[3], message: raw } : fieldOfMessage(raw, fields);
      const place = { section: section.key, question: question?.key, field: formField(named.field) };
      return placed([place], describe(section.id, question?.id, named.field), named.message);
    }

    const byId = /^(question|section)\[(.*)\]$/.exec(relative);
    if (byId) {
      const [, kind, id] = byId;
      const fields = kind === 'question' ? QUESTION_FIELDS : SECTION_FIELDS;
      const named = fieldOfMessage(raw, fields);
      const places: Place[] = [];
      let sectionId: string | undefined;
      for (const s of draft.sections) {
        if (kind === 'section' && s.id === id) places.push({ section: s.key, field: formField(named.field) });
        for (const q of kind === 'question' ? s.questions : []) {
          if (q.id !== id) continue;
          places.push({ section: s.key, question: q.key, field: formField(named.field) });
          sectionId ??= s.id;
        }
      }
      const where = kind === 'question' ? describe(sectionId, id, named.field) : describe(id, undefined, named.field);
      return placed(places, where, named.message);
    }
    return placed([], 'The document');
  });
}

function describe(section: string | undefined, question: string | undefined, field: string): string {
  const parts = [section !== undefined ? `Section ${section || '(no id)'}` : null, question !== undefined ? `question ${question || '(no id)'}` : null];
  const what = parts.filter(Boolean).join(', ') || 'The document';
  return field ? `${what}: ${FIELD_WORDS[field] ?? field}` : what;
}

/** The problems shown at one place of the form. */
export function problemsAt(problems: PlacedProblem[], section: string, question: string | undefined, field: string): string | undefined {
  const messages = problems
    .filter((p) => p.places.some((at) => at.section === section && at.question === question && at.field === field))
    .map((p) => p.message);
  return messages.length ? messages.join('; ') : undefined;
}

/** Whether a question (or, without one, a section's own fields) has any problem. */
export function hasProblems(problems: PlacedProblem[], section: string, question?: string): boolean {
  return problems.some((p) => p.places.some((at) => at.section === section && (question === undefined || at.question === question)));
}
