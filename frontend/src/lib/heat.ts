// The risk heat map: a 5 x 5 grid of inherent (rows, 5 at the top) by residual risk level
// (columns), each cell counting suppliers and coloured by how far the residual risk is.

export interface HeatCell {
  inherent: number;
  residual: number;
  suppliers: number;
}

export interface GridCell extends HeatCell {
  tone: 'low' | 'medium' | 'high' | 'critical';
}

/** Green for low residual risk through red for critical, whatever the inherent level. */
export function tone(residual: number): GridCell['tone'] {
  if (residual <= 1) return 'low';
  if (residual === 2) return 'medium';
  if (residual === 3) return 'high';
  return 'critical';
}

/** Every cell of the grid, the API's sparse cells filled in with zero, top row first. */
export function heatGrid(cells: HeatCell[]): GridCell[][] {
  const count = new Map(cells.map((c) => [`${c.inherent}:${c.residual}`, c.suppliers]));
  return [5, 4, 3, 2, 1].map((inherent) =>
    [1, 2, 3, 4, 5].map((residual) => ({
      inherent,
      residual,
      suppliers: count.get(`${inherent}:${residual}`) ?? 0,
      tone: tone(residual),
    })),
  );
}
