// Reports as files: the period an audit pack covers by default, what a period still lacks
// before it can be asked for, and a file's size in words for the note after a download.

/** A day as date inputs and the API's NaiveDate write it (`2025-03-15`), in local time. */
export function isoDay(date: Date): string {
  return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
}

/** The last 12 months up to and including `today`: from the day after the same date a year
 * earlier (29 February falls back to the 28th), so that both ends count and the period is
 * twelve months, not a day more. */
export function lastTwelveMonths(today: Date): { from: string; until: string } {
  const year = today.getFullYear() - 1;
  const month = today.getMonth();
  const lastOfMonth = new Date(year, month + 1, 0).getDate();
  const yearBefore = new Date(year, month, Math.min(today.getDate(), lastOfMonth));
  const from = new Date(yearBefore.getFullYear(), yearBefore.getMonth(), yearBefore.getDate() + 1);
  return { from: isoDay(from), until: isoDay(today) };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** What a period lacks before it can be asked for: an empty or unreadable day, by field. A
 * backwards or too long period is the server's to judge, in its own words. */
export function periodProblems(period: { from: string; until: string }): { from?: string; until?: string } {
  const problems: { from?: string; until?: string } = {};
  if (!DAY.test(period.from)) problems.from = 'choose the first day';
  if (!DAY.test(period.until)) problems.until = 'choose the last day';
  return problems;
}

/** A size in bytes as people read it: `980 bytes`, `14 KB`, `2.3 MB`. */
export function fileSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  if (bytes < 1_000_000) return `${Math.round(bytes / 1000)} KB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}
