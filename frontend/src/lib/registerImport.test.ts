import { describe, expect, it } from 'vitest';
import { nextPage, previousPage, rangeLabel } from './pages';
import {
  type ImportCounts,
  canCommit,
  changeOf,
  changeWords,
  commitLabel,
  committedSentence,
  fieldChangeWords,
  filterChoices,
  firstFilter,
  offsetPage,
  plural,
  rowsWithProblems,
} from './registerImport';

const counts = (c: Partial<ImportCounts>): ImportCounts => ({
  new: 0,
  changed: 0,
  unchanged: 0,
  invalid: 0,
  newDependencies: 0,
  newServices: 0,
  invalidLinks: 0,
  ...c,
});

describe('register import', () => {
  it('counts in words', () => {
    expect(plural(1, 'row')).toBe('1 row');
    expect(plural(2, 'dependency', 'dependencies')).toBe('2 dependencies');
    expect(plural(1500, 'supplier')).toBe('1,500 suppliers');
  });

  it('names the rows of each kind, and opens on the first kind the file has', () => {
    const c = counts({ new: 497, changed: 2, invalid: 1 });
    expect(filterChoices(c).map((f) => f.label)).toEqual(['Changed (2)', 'New (497)', 'Problems (1)', 'Unchanged (0)', 'All (500)']);
    expect(firstFilter(c)).toBe('CHANGED');
    expect(firstFilter(counts({ new: 3 }))).toBe('NEW');
    expect(firstFilter(counts({ invalid: 3, unchanged: 2 }))).toBe('INVALID');
    expect(firstFilter(counts({}))).toBe('ALL');
    expect(changeOf('ALL')).toBeNull();
    expect(changeOf('NEW')).toBe('NEW');
  });

  it('refuses a commit with rows with problems until they are skipped, and one that writes nothing', () => {
    const c = counts({ new: 2, invalid: 1, invalidLinks: 1 });
    expect(rowsWithProblems(c)).toBe(2);
    expect(canCommit(c, false)).toBe(false);
    expect(canCommit(c, true)).toBe(true);
    expect(canCommit(counts({ changed: 1 }), false)).toBe(true);
    expect(canCommit(counts({ unchanged: 4 }), true)).toBe(false);
    expect(canCommit(counts({ newDependencies: 1 }), false), 'dependencies alone').toBe(true);
  });

  it('says what a commit does and did', () => {
    expect(commitLabel(counts({ new: 497, changed: 2 }))).toBe('Import 499 suppliers');
    expect(commitLabel(counts({ changed: 1, newDependencies: 2 }))).toBe('Import 1 supplier and 2 dependencies');
    expect(committedSentence(counts({ new: 497, changed: 2, invalid: 1 }))).toBe('497 suppliers added, 2 changed; 1 row with problems left out.');
    expect(committedSentence(counts({ new: 1, newDependencies: 1, newServices: 2 }))).toBe(
      '1 supplier added, 0 changed, 1 dependency recorded, 2 services created.',
    );
  });

  it('pages by offset as the Pager reads cursor pages', () => {
    const first = offsetPage(0, 50, 120);
    expect(first.offset).toBe(0);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(rangeLabel(first.pages, 50, 50, 120)).toBe('1-50 of 120');
    const next = nextPage(first.pages, first.pageInfo.endCursor);
    expect(next.page).toBe(1);
    const last = offsetPage(2, 50, 120);
    expect(last.offset).toBe(100);
    expect(last.pageInfo.hasNextPage).toBe(false);
    expect(rangeLabel(last.pages, 50, 20, 120)).toBe('101-120 of 120');
    expect(previousPage(last.pages).page).toBe(1);
    expect(offsetPage(0, 50, 50).pageInfo.hasNextPage).toBe(false);
  });

  it('shows what a row does and each field it sets or changes', () => {
    expect(changeWords('INVALID')).toEqual({ label: 'not imported', color: 'red' });
    expect(changeWords('NEW').label).toBe('new');
    expect(fieldChangeWords({ field: 'Country', from: null, to: 'DE' }, true)).toBe('Country: DE');
    expect(fieldChangeWords({ field: 'Legal name', from: 'Old SA', to: 'New SA' }, false)).toBe('Legal name: Old SA → New SA');
    expect(fieldChangeWords({ field: 'Contract end', from: null, to: '2027-12-31' }, false)).toBe('Contract end: (none) → 2027-12-31');
  });
});
