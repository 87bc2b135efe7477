// Ids the template form suggests for what is added, as the shipped templates write them and the
// API accepts them; every suggestion stays editable.
import type { TemplateDraft } from './templateDraft';

const plainLetters = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .split(/[^A-Z]+/)
    .filter(Boolean);

/** A section id (2-5 capital letters, as the API wants) from its title, not one of `taken`:
 * "Incident response" -> INC, then IR, INCI, INCID, INCR, then INCA, INCB, ... */
export function suggestSectionId(title: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const words = plainLetters(title);
  const first = words[0] ?? 'SEC';
  const initials = words.map((w) => w[0]).join('');
  const candidates = [first.slice(0, 3), initials.slice(0, 5), first.slice(0, 4), first.slice(0, 5), first.slice(0, 3) + (words[1]?.[0] ?? '')];
  for (const c of candidates) if (c.length >= 2 && !used.has(c)) return c;
  const stem = (first + 'XX').slice(0, 3);
  const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];
  const tails = [...letters, ...letters.flatMap((a) => letters.map((b) => a + b))];
  return stem + (tails.find((t) => !used.has(stem + t)) ?? '');
}

/** The next question id of a section: `GOV-03` after `GOV-02`, unique in the whole draft. */
export function suggestQuestionId(sectionId: string, draft: TemplateDraft): string {
  const prefix = sectionId || 'Q';
  const ids = new Set(draft.sections.flatMap((s) => s.questions.map((q) => q.id)));
  let n = 0;
  for (const id of ids) {
    const m = id.startsWith(`${prefix}-`) ? /^(\d+)$/.exec(id.slice(prefix.length + 1)) : null;
    if (m) n = Math.max(n, Number(m[1]));
  }
  let id: string;
  do id = `${prefix}-${String(++n).padStart(2, '0')}`;
  while (ids.has(id));
  return id;
}

/** An option's value from its label, as the shipped templates write them: `soc2_type2`. */
export function suggestOptionValue(label: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  const base =
    label
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 40) || 'option';
  if (!used.has(base)) return base;
  let n = 2;
  while (used.has(`${base}_${n}`)) n += 1;
  return `${base}_${n}`;
}
