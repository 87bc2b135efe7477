// The layout the importer detected in a spreadsheet (`ImportBatch.columns`), as the user
// corrects it: which column of each sheet holds the id, question, answer and comment.

export type AnswerColumns =
  { kind: 'none' } | { kind: 'single'; column: number } | { kind: 'marks'; yes: number; no: number; na?: number | null; partial?: number | null };

export interface SheetLayout {
  sheet: string;
  header_rows: number[];
  id: number;
  question: number;
  answer: AnswerColumns;
  comment?: number | null;
  evidence?: number | null;
  guidance?: number | null;
  applicable?: number | null;
  headers: string[];
}

export interface Layout {
  sheets: SheetLayout[];
}

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The choices for a column picker: "C: Answer" for every column with a header. */
export function columnChoices(sheet: SheetLayout): { value: string; label: string }[] {
  return sheet.headers.map((header, i) => ({ value: String(i), label: `${columnName(i)}: ${header || '(no header)'}` }));
}

export type Field = 'id' | 'question' | 'answer' | 'comment';

/** The layout with one sheet's `field` read from another column (null: none, for comments). */
export function withColumn(layout: Layout, sheet: number, field: Field, column: number | null): Layout {
  return {
    sheets: layout.sheets.map((s, i) => {
      if (i !== sheet) return s;
      if (field === 'answer') return { ...s, answer: column === null ? { kind: 'none' } : { kind: 'single', column } };
      if (field === 'comment') return { ...s, comment: column };
      return column === null ? s : { ...s, [field]: column };
    }),
  };
}

export function columnOf(sheet: SheetLayout, field: Field): number | null {
  if (field === 'answer') return sheet.answer.kind === 'single' ? sheet.answer.column : null;
  if (field === 'comment') return sheet.comment ?? null;
  return sheet[field];
}
