// The respondent's answers while they type: what changed since the last save, and how a
// multi-choice value is written (the API reads comma-separated option values).

export interface Draft {
  value: string;
  comment: string;
}

export type Drafts = Record<string, Draft>;

/** The answers that differ from what the server holds, ready for `respondentSaveAnswers`. */
export function changedAnswers(drafts: Drafts, saved: Drafts): { questionId: string; value: string; comment: string | null }[] {
  return Object.entries(drafts)
    .filter(([id, draft]) => draft.value.trim() !== '' && (saved[id]?.value !== draft.value || (saved[id]?.comment ?? '') !== draft.comment))
    .map(([questionId, draft]) => ({ questionId, value: draft.value.trim(), comment: draft.comment.trim() || null }))
    .sort((a, b) => a.questionId.localeCompare(b.questionId));
}

export function joinChoices(values: string[]): string {
  return values.join(', ');
}

export function splitChoices(value: string): string[] {
  return value.split(/[,;\n]/).map((v) => v.trim()).filter(Boolean);
}
