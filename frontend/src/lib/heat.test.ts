import { describe as group, expect, it } from 'vitest';
import { type HeatCell, describe, heatGrid } from './heat';

const cell = (
  inherent: number,
  residual: number,
  counts: Partial<Record<'critical' | 'high' | 'medium' | 'low', number>>,
  worstRating: HeatCell['worstRating'],
): HeatCell => {
  const full = { critical: 0, high: 0, medium: 0, low: 0, ...counts };
  return { inherent, residual, suppliers: full.critical + full.high + full.medium + full.low, worstRating, ...full };
};

group('heat map', () => {
  it('fills the sparse cells of the API into a 5 x 5 grid, highest inherent risk on top', () => {
    const grid = heatGrid([cell(4, 3, { high: 2 }, 'HIGH'), cell(1, 1, { low: 1 }, 'LOW')]);
    expect(grid).toHaveLength(5);
    expect(grid.every((row) => row.length === 5)).toBe(true);
    expect(grid[0][0]).toMatchObject({ inherent: 5, residual: 1, suppliers: 0, tone: 'empty' });
    expect(grid[1][2]).toMatchObject({ inherent: 4, residual: 3, suppliers: 2, tone: 'high' });
    expect(grid[4][0]).toMatchObject({ inherent: 1, residual: 1, suppliers: 1, tone: 'low' });
    expect(grid.flat().reduce((sum, c) => sum + c.suppliers, 0)).toBe(3);
  });

  it('colours a cell by the worst rating in it, not by its place', () => {
    // A knock-out made one supplier critical at a residual level that alone reads medium.
    const grid = heatGrid([cell(4, 2, { critical: 1, medium: 2 }, 'CRITICAL'), cell(2, 4, { low: 1 }, 'LOW')]);
    expect(grid[1][1]).toMatchObject({ tone: 'critical', label: '3 suppliers: 1 critical, 2 medium' });
    expect(grid[3][3]).toMatchObject({ tone: 'low', label: '1 supplier: 1 low' });
    expect(describe(cell(3, 3, { high: 1 }, 'HIGH'))).toBe('1 supplier: 1 high');
  });
});
