// The risk heat map: a 5 x 5 grid of inherent (rows, 5 at the top) by residual risk level
// (columns). A cell's place says how exposed its suppliers are and how much their answers
// leave; its colour is the worst rating among them, because the organisation's bands and
// knock-outs decide the rating, not the place.

export type Rating = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';

export interface HeatCell {
  inherent: number;
  residual: number;
  suppliers: number;
  worstRating: Rating;
  critical: number;
  high: number;
  medium: number;
  low: number;
}

export interface GridCell {
  inherent: number;
  residual: number;
  suppliers: number;
  /** The colour: the worst rating in the cell, or none when it is empty. */
  tone: 'low' | 'medium' | 'high' | 'critical' | 'empty';
  /** "2 suppliers: 1 critical, 1 high". */
  label: string;
}

/** The cell's suppliers counted by rating, worst first. */
export function describe(cell: HeatCell): string {
  const parts = (['critical', 'high', 'medium', 'low'] as const).filter((r) => cell[r] > 0).map((r) => `${cell[r]} ${r}`);
  return `${cell.suppliers} supplier${cell.suppliers === 1 ? '' : 's'}: ${parts.join(', ')}`;
}

/** Every cell of the grid, the API's sparse cells filled in as empty, top row first. */
export function heatGrid(cells: HeatCell[]): GridCell[][] {
  const byPlace = new Map(cells.map((c) => [`${c.inherent}:${c.residual}`, c]));
  return [5, 4, 3, 2, 1].map((inherent) =>
    [1, 2, 3, 4, 5].map((residual) => {
      const cell = byPlace.get(`${inherent}:${residual}`);
      return cell
        ? { inherent, residual, suppliers: cell.suppliers, tone: cell.worstRating.toLowerCase() as GridCell['tone'], label: describe(cell) }
        : { inherent, residual, suppliers: 0, tone: 'empty' as const, label: 'no supplier' };
    }),
  );
}
