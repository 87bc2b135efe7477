import { describe, expect, it } from 'vitest';
import { heatGrid, tone } from './heat';

describe('heat map', () => {
  it('fills the sparse cells of the API into a 5 x 5 grid, highest inherent risk on top', () => {
    const grid = heatGrid([
      { inherent: 4, residual: 3, suppliers: 2 },
      { inherent: 1, residual: 1, suppliers: 1 },
    ]);
    expect(grid).toHaveLength(5);
    expect(grid.every((row) => row.length === 5)).toBe(true);
    expect(grid[0][0]).toMatchObject({ inherent: 5, residual: 1, suppliers: 0 });
    expect(grid[1][2]).toMatchObject({ inherent: 4, residual: 3, suppliers: 2, tone: 'high' });
    expect(grid[4][0]).toMatchObject({ inherent: 1, residual: 1, suppliers: 1, tone: 'low' });
    expect(grid.flat().reduce((sum, c) => sum + c.suppliers, 0)).toBe(3);
  });

  it('colours by residual risk', () => {
    expect([1, 2, 3, 4, 5].map(tone)).toEqual(['low', 'medium', 'high', 'critical', 'critical']);
  });
});
