// A supplier's own questionnaire (CSA CAIQ, EDUCAUSE HECVAT, an ISO 27001 SoA) in words: its
// Annex A coverage (figures, control statuses and their filters, NIS 2 points), where each of
// its questions maps, the follow-up that asks only its gaps, the templates a follow-up may use,
// and the source of a scored question whose id names another questionnaire (`caiq-v4-0-3:IAM-02.1`).
import { plural } from './registerImport';

export type ControlStatus = 'COMPLIANT' | 'NON_COMPLIANT' | 'NOT_APPLICABLE' | 'NOT_COVERED';
export type ControlFilter = ControlStatus | 'ALL';

const STATUSES: { value: ControlStatus; label: string; words: string; color: string }[] = [
  { value: 'COMPLIANT', label: 'Compliant', words: 'compliant', color: 'teal' },
  { value: 'NON_COMPLIANT', label: 'Answered short', words: 'answered short', color: 'red' },
  { value: 'NOT_APPLICABLE', label: 'Only n/a', words: 'only n/a', color: 'gray' },
  { value: 'NOT_COVERED', label: 'Not covered', words: 'not covered', color: 'yellow' },
];

/** A control's status for its badge: "answered short", red. */
export function statusWords(status: ControlStatus): { label: string; color: string } {
  const found = STATUSES.find((s) => s.value === status);
  return found ? { label: found.words, color: found.color } : { label: status.toLowerCase(), color: 'gray' };
}

/** The status filters with how many controls each shows: "All (93)", "Compliant (23)"... */
export function controlFilters(controls: { status: ControlStatus }[]): { value: ControlFilter; label: string }[] {
  return [
    { value: 'ALL', label: `All (${controls.length})` },
    ...STATUSES.map((s) => ({ value: s.value, label: `${s.label} (${controls.filter((c) => c.status === s.value).length})` })),
  ];
}

/** The controls a filter shows, in the standard's order. */
export function controlsShown<T extends { status: ControlStatus }>(controls: T[], filter: ControlFilter): T[] {
  return filter === 'ALL' ? controls : controls.filter((c) => c.status === filter);
}

/** A share 0-1 as a whole percentage: 0.5868 -> "59%" (out of range and NaN clamped). */
export function percent(share: number): string {
  const clamped = Number.isFinite(share) ? Math.min(1, Math.max(0, share)) : 0;
  return `${Math.round(clamped * 100)}%`;
}

/** An Annex A control as the standard prints it: "5.15" -> "A.5.15". */
export function annexA(id: string): string {
  return id.startsWith('A.') ? id : `A.${id}`;
}

/** One answer counted towards a control: "IAM-02.1: yes (1/2)", the share it gives the control. */
export function evidenceWords(e: { questionId: string; answer: string; spread: number }): string {
  return `${e.questionId}: ${e.answer} (1/${Math.max(1, e.spread)})`;
}

/** A NIS 2 point's bar, 0-100: the share of its related controls covered (0 when it has none). */
export function nis2Share(point: { controls: number; covered: number }): number {
  return point.controls > 0 ? Math.min(100, (100 * point.covered) / point.controls) : 0;
}

/** A NIS 2 point's figure beside its bar: "5/12", or why there is none. */
export function nis2Figure(point: { controls: number; covered: number }): string {
  return point.controls > 0 ? `${point.covered}/${point.controls}` : 'no related control';
}

/** The headline figures of a coverage: each with its words, out of every Annex A control. */
export function coverageFigures(coverage: {
  controls: { status: ControlStatus }[];
  controlsCovered: number;
  controlsCompliant: number;
  controlsNotCovered: number;
  confidence: number;
}): { key: string; value: string; words: string }[] {
  const total = coverage.controls.length || coverage.controlsCovered + coverage.controlsNotCovered;
  // A control only n/a answers reach counts as not covered (nothing says it is in place).
  const onlyNa = coverage.controls.filter((c) => c.status === 'NOT_APPLICABLE').length;
  return [
    { key: 'covered', value: `${coverage.controlsCovered} of ${total}`, words: 'Annex A controls covered' },
    { key: 'compliant', value: String(coverage.controlsCompliant), words: 'with only compliant answers' },
    { key: 'not-covered', value: String(coverage.controlsNotCovered), words: onlyNa ? `not covered (${onlyNa} only answered n/a)` : 'not covered' },
    { key: 'confidence', value: percent(coverage.confidence), words: 'confidence' },
  ];
}

// Where the questionnaire's questions map.

export type MappingFilter = 'ALL' | 'MAPPED' | 'NOT_MAPPED';

/** Whether a question counts towards a control (the API words an unmapped one "not mapped: why"). */
export function isMapped(m: { controls: string[]; source: string }): boolean {
  return m.controls.length > 0 && !m.source.startsWith('not mapped');
}

/** Why a question is not mapped, without the "not mapped:" the source starts with. */
export function notMappedReason(source: string): string {
  return source.replace(/^not mapped:?\s*/, '');
}

/** The mapping filters with how many questions each shows. */
export function mappingFilters(mapping: { controls: string[]; source: string }[]): { value: MappingFilter; label: string }[] {
  const mapped = mapping.filter(isMapped).length;
  return [
    { value: 'ALL', label: `All (${mapping.length})` },
    { value: 'MAPPED', label: `Mapped (${mapped})` },
    { value: 'NOT_MAPPED', label: `Not mapped (${mapping.length - mapped})` },
  ];
}

/** The questions a mapping filter shows, in the questionnaire's order. */
export function mappingShown<T extends { controls: string[]; source: string }>(mapping: T[], filter: MappingFilter): T[] {
  if (filter === 'ALL') return mapping;
  return mapping.filter((m) => isMapped(m) === (filter === 'MAPPED'));
}

// The follow-up that asks only the gaps.

/** Prefixes of `basedOn` that mark a template Chainward generated (a supplier's questionnaire as
 * imported, or a follow-up): read-only, and never one to send or to follow up with. */
const GENERATED = ['family:', 'follow-up:'];

export function isGenerated(template: { basedOn?: string | null }): boolean {
  return GENERATED.some((p) => template.basedOn?.startsWith(p));
}

/** Templates a questionnaire may be sent from or a follow-up built on: published and ours
 * (shipped or the organisation's own), not generated. */
export function sendableTemplates<T extends { basedOn?: string | null; latestPublished?: unknown }>(templates: T[]): T[] {
  return templates.filter((t) => t.latestPublished && !isGenerated(t));
}

export type GapFilter = 'ASKED' | 'NOT_ASKED' | 'ALL';

/** The follow-up's decisions in one sentence: "Asks 75 of 108 questions; 33 are not asked." */
export function gapSentence(questions: { asked: boolean }[]): string {
  const asked = questions.filter((q) => q.asked).length;
  const skipped = questions.length - asked;
  return `Asks ${asked} of ${plural(questions.length, 'question')}; ${skipped} ${skipped === 1 ? 'is' : 'are'} not asked.`;
}

/** The decision filters with their counts: "Asked (75)", "Not asked (33)", "All (108)". */
export function gapFilters(questions: { asked: boolean }[]): { value: GapFilter; label: string }[] {
  const asked = questions.filter((q) => q.asked).length;
  return [
    { value: 'ASKED', label: `Asked (${asked})` },
    { value: 'NOT_ASKED', label: `Not asked (${questions.length - asked})` },
    { value: 'ALL', label: `All (${questions.length})` },
  ];
}

export function gapShown<T extends { asked: boolean }>(questions: T[], filter: GapFilter): T[] {
  return filter === 'ALL' ? questions : questions.filter((q) => q.asked === (filter === 'ASKED'));
}

/** Why questions are asked or not, counted by kind of reason (the API words each decision:
 * "A.8.24 answered short", "A.5.2 not covered", "maps to no Annex A control...", "A.5.1 met by
 * CSA CAIQ v4.0.2"...); each question counts once, under the first kind its reason names, and
 * kinds without questions are left out. A reason of no known kind still counts, as "another
 * reason" (the table beside names it). */
export function gapReasons(questions: { asked: boolean; reason: string }[], questionnaire: string): string[] {
  const kinds: [string, (reason: string) => boolean, string][] = [
    ['knock-out', (r) => r.includes('knock-out'), 'Asked, a knock-out question, always in our own words'],
    ['short', (r) => r.includes('answered short'), `Asked, a control answered short in ${questionnaire}`],
    ['n/a', (r) => r.includes('answered n/a'), `Asked, a control ${questionnaire} answered only n/a`],
    ['uncovered', (r) => r.includes('not covered'), `Asked, a control not covered by ${questionnaire}`],
    ['unmapped', (r) => r.includes('no Annex A control'), 'Asked, no Annex A control through which another questionnaire could answer'],
  ];
  const kind = (q: { asked: boolean; reason: string }) => (q.asked ? (kinds.find(([, test]) => test(q.reason))?.[0] ?? 'other') : 'met');
  const count = (k: string) => questions.filter((q) => kind(q) === k).length;
  const lines: [number, string][] = [
    ...kinds.map(([k, , words]): [number, string] => [count(k), words]),
    [count('other'), 'Asked for another reason'],
    [count('met'), `Not asked, every control met by ${questionnaire}`],
  ];
  return lines.filter(([n]) => n > 0).map(([n, words]) => `${words}: ${plural(n, 'question')}`);
}

// Where a scored question came from.

/** A follow-up's score counts the imported questionnaire's questions under ids prefixed by its
 * template's slug: the family, its version and edition (`caiq-v4-0-3`, `hecvat-3-04-full`,
 * `soa-iso27001-2013`), numbered when an own template already had it. */
const version = (digits: string) => digits.replace(/-/g, '.');
const edition = (word: string | undefined) => (word ? ` ${word[0].toUpperCase()}${word.slice(1)}` : '');
const SOURCES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^caiq-v(\d+(?:-\d+){0,2})$/, (m) => `CSA CAIQ v${version(m[1])}`],
  [/^hecvat-(\d+(?:-\d+){0,2})(?:-(full|lite))?$/, (m) => `EDUCAUSE HECVAT ${version(m[1])}${edition(m[2])}`],
  [/^soa-iso27001-(\d{4})(-\d+)?$/, (m) => `ISO/IEC 27001:${m[1]} Statement of Applicability`],
  [/^unknown(-\d+)?$/, () => "the supplier's own questionnaire"],
];

/** The questionnaire a prefix names in words (the prefix itself when it is no known family). */
export function sourceName(prefix: string): string {
  for (const [pattern, name] of SOURCES) {
    const m = prefix.match(pattern);
    if (m) return name(m);
  }
  return prefix;
}

/** A question id of another questionnaire, split: `caiq-v4-0-3:IAM-02.1` -> CSA CAIQ v4.0.3, IAM-02.1;
 * null for one of our own questions. */
export function questionSource(id: string): { source: string; question: string } | null {
  const at = id.indexOf(':');
  if (at <= 0 || at === id.length - 1) return null;
  return { source: sourceName(id.slice(0, at)), question: id.slice(at + 1) };
}

/** A line of the score's explanation that starts with a question id ("caiq-v4-0-3:CEK-03.1 (high,
 * 3 points): ..."), split into its source, the question as that questionnaire numbers it and
 * the rest; null when the line starts with one of our own questions. */
export function lineSource(line: string): { source: string; question: string; rest: string } | null {
  const space = line.search(/\s/);
  const first = space < 0 ? line : line.slice(0, space);
  const found = questionSource(first);
  return found ? { ...found, rest: space < 0 ? '' : line.slice(space) } : null;
}
