// A register import's preview in words: its counts, the row filters with their sizes, pages
// of rows by offset (as the Pager shows cursor pages), and what a commit would do.
import type { PageCursors } from './pages';

export interface ImportCounts {
  new: number;
  changed: number;
  unchanged: number;
  invalid: number;
  newDependencies: number;
  newServices: number;
  invalidLinks: number;
}

export type RowChange = 'NEW' | 'CHANGED' | 'UNCHANGED' | 'INVALID';
export type RowFilter = RowChange | 'ALL';

/** "1 supplier", "2 suppliers"; `many` when adding an s will not do. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}

/** Rows of the suppliers sheet that have problems, plus contact and dependency rows that do:
 * the rows a commit refuses unless told to skip them. */
export function rowsWithProblems(counts: ImportCounts): number {
  return counts.invalid + counts.invalidLinks;
}

/** Suppliers a commit adds or changes. */
export function suppliersToImport(counts: ImportCounts): number {
  return counts.new + counts.changed;
}

/** The commit button's words: "Import 497 suppliers" (and the dependencies). */
export function commitLabel(counts: ImportCounts): string {
  const suppliers = `Import ${plural(suppliersToImport(counts), 'supplier')}`;
  return counts.newDependencies ? `${suppliers} and ${plural(counts.newDependencies, 'dependency', 'dependencies')}` : suppliers;
}

/** Whether a commit may be asked for: something to write, and rows with problems skipped. */
export function canCommit(counts: ImportCounts, skipInvalid: boolean): boolean {
  const something = suppliersToImport(counts) + counts.newDependencies > 0;
  return something && (skipInvalid || rowsWithProblems(counts) === 0);
}

/** What a committed import did, in one sentence. */
export function committedSentence(counts: ImportCounts): string {
  const parts = [`${plural(counts.new, 'supplier')} added`, `${counts.changed.toLocaleString('en')} changed`];
  if (counts.newDependencies) parts.push(`${plural(counts.newDependencies, 'dependency', 'dependencies')} recorded`);
  if (counts.newServices) parts.push(`${plural(counts.newServices, 'service')} created`);
  const skipped = rowsWithProblems(counts);
  return `${parts.join(', ')}${skipped ? `; ${plural(skipped, 'row')} with problems left out` : ''}.`;
}

const FILTERS: { value: RowFilter; label: string; count: (c: ImportCounts) => number }[] = [
  { value: 'CHANGED', label: 'Changed', count: (c) => c.changed },
  { value: 'NEW', label: 'New', count: (c) => c.new },
  { value: 'INVALID', label: 'Problems', count: (c) => c.invalid },
  { value: 'UNCHANGED', label: 'Unchanged', count: (c) => c.unchanged },
  { value: 'ALL', label: 'All', count: (c) => c.new + c.changed + c.unchanged + c.invalid },
];

/** The row filters with how many rows each shows: "Changed (2)". */
export function filterChoices(counts: ImportCounts): { value: RowFilter; label: string }[] {
  return FILTERS.map((f) => ({ value: f.value, label: `${f.label} (${f.count(counts).toLocaleString('en')})` }));
}

/** The filter a preview opens on: the first of changed, new, problems, unchanged with rows. */
export function firstFilter(counts: ImportCounts): RowFilter {
  return FILTERS.find((f) => f.value !== 'ALL' && f.count(counts) > 0)?.value ?? 'ALL';
}

/** The `change` argument of a filter (none for all rows). */
export function changeOf(filter: RowFilter): RowChange | null {
  return filter === 'ALL' ? null : filter;
}

/**
 * Page `page` (from 0) of `size` rows among `total`, as the offset to ask for and the cursors
 * and page info the Pager reads (a cursor here is the next page's offset).
 */
export function offsetPage(
  page: number,
  size: number,
  total: number,
): { offset: number; pages: PageCursors; pageInfo: { hasNextPage: boolean; endCursor: string } } {
  const offset = page * size;
  const starts = Array.from({ length: page + 1 }, (_, i) => (i === 0 ? null : String(i * size)));
  return { offset, pages: { starts, page }, pageInfo: { hasNextPage: offset + size < total, endCursor: String(offset + size) } };
}

/** What a row does, in words for its badge, and the badge's colour. */
export function changeWords(change: RowChange): { label: string; color: string } {
  switch (change) {
    case 'NEW':
      return { label: 'new', color: 'teal' };
    case 'CHANGED':
      return { label: 'changed', color: 'indigo' };
    case 'UNCHANGED':
      return { label: 'unchanged', color: 'gray' };
    default:
      return { label: 'not imported', color: 'red' };
  }
}

/** A field change in words: "Country: DE → AT", or for a new supplier "Country: AT" ("(none)"
 * for a value not set). */
export function fieldChangeWords(change: { field: string; from?: string | null; to?: string | null }, isNew: boolean): string {
  const value = (v?: string | null) => (v === null || v === undefined || v === '' ? '(none)' : v);
  return isNew ? `${change.field}: ${value(change.to)}` : `${change.field}: ${value(change.from)} → ${value(change.to)}`;
}
