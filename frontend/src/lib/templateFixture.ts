// A template draft for the unit tests of the template editor, as the API hands it out.
import { type TemplateDraft, readDraft } from './templateDraft';

/** A draft as the API hands it out (serde's form, nulls and empty lists included). */
export const serverContent = {
  sections: [
    {
      id: 'BAS',
      title: 'Basics',
      questions: [
        {
          id: 'BAS-01',
          text: 'Do you have a written information security policy?',
          help: 'One or two pages are enough.',
          answer: 'yes_no_na',
          importance: 'standard',
          compliant: ['yes'],
          knock_out: false,
          evidence: 'optional',
          iso: ['5.1'],
          iso_clauses: [],
          nis2: ['21(2)(a)'],
        },
        {
          id: 'BAS-04',
          text: 'Which certification do you hold?',
          help: null,
          answer: 'choice',
          options: [
            { value: 'iso27001', label: 'ISO/IEC 27001 certificate', score: 1 },
            { value: 'none', label: 'None', score: 0 },
          ],
          importance: 'minor',
          knock_out: false,
          evidence: 'none',
          iso: ['5.35'],
          iso_clauses: ['9.2'],
          nis2: ['IR 5.1.2(a)'],
          external: [{ scheme: 'CAIQ', id: 'A&A-02.1' }],
        },
      ],
    },
    {
      id: 'OPS',
      title: 'Operations',
      questions: [
        {
          id: 'OPS-01',
          text: 'Within how many hours do you notify us of an incident?',
          help: null,
          answer: 'number',
          importance: 'critical',
          knock_out: true,
          evidence: 'none',
          iso: ['5.24'],
          iso_clauses: [],
          nis2: [],
          range: { min: 0, max: 24 },
          unit: 'hours',
        },
      ],
    },
  ],
};

/** The form's draft of `content`; throws if the form cannot show it. */
export function read(content: unknown): TemplateDraft {
  const result = readDraft(content);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.draft;
}
