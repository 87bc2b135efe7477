import { describe, expect, it } from 'vitest';
import { fileSize, isoDay, lastTwelveMonths, periodProblems } from './reports';

describe('the audit pack period', () => {
  it('covers the last twelve months, both ends counted', () => {
    expect(lastTwelveMonths(new Date(2025, 2, 15, 9, 30))).toEqual({ from: '2024-03-16', until: '2025-03-15' });
    // Late in the evening is still today, whatever the time zone.
    expect(lastTwelveMonths(new Date(2025, 2, 15, 23, 59))).toEqual({ from: '2024-03-16', until: '2025-03-15' });
  });

  it('crosses the ends of months and years', () => {
    expect(lastTwelveMonths(new Date(2025, 0, 1))).toEqual({ from: '2024-01-02', until: '2025-01-01' });
    expect(lastTwelveMonths(new Date(2025, 11, 31))).toEqual({ from: '2025-01-01', until: '2025-12-31' });
    expect(lastTwelveMonths(new Date(2025, 3, 30))).toEqual({ from: '2024-05-01', until: '2025-04-30' });
  });

  it('falls back from 29 February to the 28th a year earlier', () => {
    expect(lastTwelveMonths(new Date(2024, 1, 29))).toEqual({ from: '2023-03-01', until: '2024-02-29' });
    expect(lastTwelveMonths(new Date(2025, 1, 28))).toEqual({ from: '2024-02-29', until: '2025-02-28' });
    expect(lastTwelveMonths(new Date(2025, 2, 1))).toEqual({ from: '2024-03-02', until: '2025-03-01' });
  });

  it('writes days as the date inputs do', () => {
    expect(isoDay(new Date(2025, 8, 3))).toBe('2025-09-03');
  });

  it('names an empty day and leaves the rest to the server', () => {
    expect(periodProblems({ from: '2025-01-01', until: '2025-12-31' })).toEqual({});
    expect(periodProblems({ from: '', until: '2025-12-31' })).toEqual({ from: 'choose the first day' });
    expect(periodProblems({ from: '2025-01-01', until: '' })).toEqual({ until: 'choose the last day' });
    // Backwards is for the server to say, in its words.
    expect(periodProblems({ from: '2025-12-31', until: '2025-01-01' })).toEqual({});
  });
});

describe('file sizes', () => {
  it('reads as bytes, kilobytes or megabytes', () => {
    expect(fileSize(980)).toBe('980 bytes');
    expect(fileSize(14_200)).toBe('14 KB');
    expect(fileSize(2_345_678)).toBe('2.3 MB');
  });
});
