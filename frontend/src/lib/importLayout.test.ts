import { describe, expect, it } from 'vitest';
import { type Layout, columnChoices, columnName, columnOf, withColumn } from './importLayout';

const layout: Layout = {
  sheets: [
    {
      sheet: 'CAIQ',
      header_rows: [1],
      id: 0,
      question: 1,
      answer: { kind: 'single', column: 2 },
      comment: 4,
      headers: ['ID', 'Question', 'Answer', 'Notes', 'Comment'],
    },
  ],
};

describe('import layout', () => {
  it('names columns as spreadsheets do', () => {
    expect([0, 2, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'C', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('offers every column with its header', () => {
    expect(columnChoices(layout.sheets[0])[3]).toEqual({ value: '3', label: 'D: Notes' });
  });

  it('moves one field to another column and leaves the rest', () => {
    const moved = withColumn(layout, 0, 'answer', 3);
    expect(moved.sheets[0].answer).toEqual({ kind: 'single', column: 3 });
    expect(columnOf(moved.sheets[0], 'comment')).toBe(4);
    expect(columnOf(withColumn(moved, 0, 'comment', null).sheets[0], 'comment')).toBeNull();
    expect(layout.sheets[0].answer).toEqual({ kind: 'single', column: 2 });
  });
});
