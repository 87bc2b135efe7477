// The respondent's answers while they type. The server's answers (whatever wrote them: this
// form, a workbook import, the API) are the truth; the form keeps only the edits not yet
// saved on top of them, so that what it shows is what will be submitted.

export interface Draft {
  value: string;
  comment: string;
}

export type Drafts = Record<string, Draft>;

export interface AnswerInput {
  questionId: string;
  value: string;
  comment: string | null;
}

/** The server's answers by question, in the form's terms: an answer imported as "Ja" shows
 * as the form's "yes" (`canonicalValue`), which is what is scored. */
export function fromAnswers(answers: readonly { questionId: string; value: string; canonicalValue?: string; comment?: string | null }[]): Drafts {
  const map: Drafts = {};
  for (const a of answers) map[a.questionId] = { value: a.canonicalValue ?? a.value, comment: a.comment ?? '' };
  return map;
}

/** What the form shows for a question: the unsaved edit, else what the server holds. */
export function shown(edits: Drafts, server: Drafts, id: string): Draft {
  return edits[id] ?? server[id] ?? { value: '', comment: '' };
}

const differs = (edit: Draft, held: Draft | undefined) => (held?.value ?? '') !== edit.value.trim() || (held?.comment ?? '') !== edit.comment.trim();

/** The edits that differ from what the server holds, ready for `respondentSaveAnswers`. An
 * emptied answer is not sent: an answer cannot be removed, only changed. */
export function changedAnswers(edits: Drafts, server: Drafts): AnswerInput[] {
  return Object.entries(edits)
    .filter(([id, edit]) => edit.value.trim() !== '' && differs(edit, server[id]))
    .map(([questionId, edit]) => ({ questionId, value: edit.value.trim(), comment: edit.comment.trim() || null }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId));
}

/** The edits left once `sent` was saved: one typed after sending stays, and so does one that
 * differs from what was sent only by spaces the user is still typing around. */
export function afterSave(edits: Drafts, sent: readonly AnswerInput[]): Drafts {
  const left = { ...edits };
  for (const s of sent) {
    const edit = left[s.questionId];
    if (edit && edit.value === s.value && edit.comment === (s.comment ?? '')) delete left[s.questionId];
  }
  return left;
}

export type SaveState =
  { kind: 'saved' } | { kind: 'unsaved'; count: number } | { kind: 'saving' } | { kind: 'failed'; message: string } | { kind: 'emptied'; questions: string[] };

/** What the save indicator says, truthfully: "saved" only when the server holds every answer
 * the form shows. */
export function saveState(edits: Drafts, server: Drafts, saving: boolean, failure: string | null): SaveState {
  if (saving) return { kind: 'saving' };
  const pending = changedAnswers(edits, server).length;
  if (failure && pending) return { kind: 'failed', message: failure };
  if (pending) return { kind: 'unsaved', count: pending };
  const emptied = Object.entries(edits)
    .filter(([id, edit]) => edit.value.trim() === '' && (server[id]?.value ?? '') !== '')
    .map(([id]) => id)
    .sort();
  if (emptied.length) return { kind: 'emptied', questions: emptied };
  return { kind: 'saved' };
}

/** The indicator's words. */
export function saveLabel(state: SaveState): string {
  switch (state.kind) {
    case 'saved':
      return 'All changes saved';
    case 'saving':
      return 'Saving…';
    case 'unsaved':
      return state.count === 1 ? '1 change not saved yet' : `${state.count} changes not saved yet`;
    case 'failed':
      return `Not saved: ${state.message}`;
    case 'emptied':
      return `${state.questions.join(', ')}: an emptied answer keeps its saved value until you answer again`;
  }
}

export function joinChoices(values: string[]): string {
  return values.join(', ');
}

export function splitChoices(value: string): string[] {
  return value
    .split(/[,;\n]/)
    .map((v) => v.trim())
    .filter(Boolean);
}

export interface ToFix {
  questionId: string;
  sectionId: string;
  message: string;
}

/** The questions a refused submission names (`answers.ID` or `evidence.ID`), in the order the
 * questionnaire asks them, with the section each is in. */
export function toFix(problems: Record<string, string>, sections: readonly { id: string; questions: readonly { id: string }[] }[]): ToFix[] {
  const list: ToFix[] = [];
  for (const section of sections) {
    for (const q of section.questions) {
      const message = problems[`answers.${q.id}`] ?? problems[`evidence.${q.id}`];
      if (message) list.push({ questionId: q.id, sectionId: section.id, message });
    }
  }
  return list;
}

const YES_NO: Record<string, string> = { yes: 'Yes', no: 'No', partial: 'Partly', 'n/a': 'Not applicable' };

/** An answer in words for people: the option's label rather than its code (`soc_24x7`),
 * "Partly" rather than `partial`. `canonical` is the API's `canonicalValue`. */
export function readableAnswer(question: { answerType: string; options: readonly { value: string; label: string }[] }, canonical: string): string {
  const label = (value: string) => question.options.find((o) => o.value === value)?.label ?? value;
  switch (question.answerType) {
    case 'YES_NO_NA':
      return YES_NO[canonical] ?? canonical;
    case 'CHOICE':
      return canonical === 'n/a' ? YES_NO['n/a'] : label(canonical);
    case 'MULTI_CHOICE':
      return splitChoices(canonical).map(label).join(', ');
    default:
      return canonical === 'n/a' ? YES_NO['n/a'] : canonical;
  }
}
