import { describe, expect, it } from 'vitest';
import { FIRST_PAGE, after, nextPage, previousPage, rangeLabel } from './pages';

describe('relay pages', () => {
  it('learns cursors forward and goes back without losing them', () => {
    const second = nextPage(FIRST_PAGE, 'c20');
    const third = nextPage(second, 'c40');
    expect(after(third)).toBe('c40');
    const back = previousPage(third);
    expect(after(back)).toBe('c20');
    expect(after(previousPage(previousPage(back)))).toBeNull();
    expect(nextPage(back, 'c40-again').starts).toEqual([null, 'c20', 'c40-again']);
  });

  it('stays put without an end cursor and labels the range shown', () => {
    expect(nextPage(FIRST_PAGE, null)).toBe(FIRST_PAGE);
    expect(rangeLabel(nextPage(FIRST_PAGE, 'c20'), 20, 20, 49)).toBe('21-40 of 49');
    expect(rangeLabel(FIRST_PAGE, 20, 0, 0)).toBe('0 of 0');
  });
});
