// A finding's severity as a colour, the same on the board, the supplier's page and the finding's page.
export const SEVERITY_COLOR: Record<string, string> = { CRITICAL: 'red', HIGH: 'orange', MEDIUM: 'yellow', LOW: 'gray' };
