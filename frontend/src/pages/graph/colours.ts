// The colours of the dependency graph, shared by the drawing and its legend: suppliers by
// rating (the dashboard's colours), services in one colour of their own.
export const RATING_COLOURS = { low: '#12b886', medium: '#fab005', high: '#fd7e14', critical: '#e03131' } as const;
export const UNRATED_COLOUR = '#dee2e6';
export const SERVICE_COLOUR = '#3b5bdb';
