// Reading a score snapshot's report (the engine's JSON) for the supplier page.

export interface AreaScore {
  id: string;
  title: string;
  score: number | null;
  coverage: number | null;
  points_lost: number;
}

export interface ScoreReport {
  themes?: AreaScore[];
  nis2_points?: AreaScore[];
  explanation?: { summary?: string[]; top_questions?: string[]; top_controls?: string[] };
}

/** The parts of a report the portal shows, tolerating older reports without some of them. */
export function readReport(report: unknown): Required<Pick<ScoreReport, 'themes' | 'nis2_points'>> & {
  summary: string[];
  topQuestions: string[];
} {
  const r = (report ?? {}) as ScoreReport;
  return {
    themes: r.themes ?? [],
    nis2_points: r.nis2_points ?? [],
    summary: r.explanation?.summary ?? [],
    topQuestions: r.explanation?.top_questions ?? [],
  };
}

const RATING_COLOR: Record<string, string> = { LOW: 'teal', MEDIUM: 'yellow', HIGH: 'rust', CRITICAL: 'red' };

/** The colour of a rating, whether it comes as the API's enum (`HIGH`) or from the graph export (`high`). */
export function ratingColor(rating: string): string {
  return RATING_COLOR[rating.toUpperCase()] ?? 'gray';
}
