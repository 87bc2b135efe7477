// A template draft as the form edits it, read from and written back to the JSON document the API
// takes (`{"sections": [...]}`, the serde form of questionnaires' `Template`). Whatever the form
// does not show (fields added to the format later, unknown keys) rides along in `rest` and is
// written back untouched. Keys are the client's own, stable across reordering, never written.

export const ANSWER_TYPES = ['yes_no_na', 'choice', 'multi_choice', 'maturity_0_5', 'number', 'date', 'text', 'file'] as const;
export type AnswerType = (typeof ANSWER_TYPES)[number];
export const IMPORTANCES = ['minor', 'standard', 'critical'] as const;
export type Importance = (typeof IMPORTANCES)[number];
export const EVIDENCE = ['required', 'optional', 'none'] as const;
export type Evidence = (typeof EVIDENCE)[number];

import { suggestOptionValue } from './templateIds';

export { suggestOptionValue, suggestQuestionId, suggestSectionId } from './templateIds';

type Json = Record<string, unknown>;

export interface OptionDraft {
  key: string;
  value: string;
  label: string;
  score: number;
  /** The value still follows the label (a new option whose value nobody typed). */
  autoValue: boolean;
  rest: Json;
}

export interface ExternalRefDraft {
  key: string;
  scheme: string;
  id: string;
}

export interface QuestionDraft {
  key: string;
  id: string;
  text: string;
  help: string;
  answer: AnswerType;
  options: OptionDraft[];
  importance: Importance;
  compliant: string[];
  knockOut: boolean;
  evidence: Evidence;
  iso: string[];
  isoClauses: string[];
  nis2: string[];
  external: ExternalRefDraft[];
  /** The compliant interval of a number question; null when it has none (then it is not scored). */
  range: { min: number | null; max: number | null } | null;
  unit: string;
  maxAgeDays: number | null;
  maturityLabels: string[] | null;
  /** The finding's title when the answer falls short; written only when not empty. */
  finding: string;
  rest: Json;
}

export interface SectionDraft {
  key: string;
  id: string;
  title: string;
  questions: QuestionDraft[];
  /** The id still follows the title (a new section whose id nobody typed). */
  autoId: boolean;
  rest: Json;
}

export interface TemplateDraft {
  sections: SectionDraft[];
  rest: Json;
}

let counter = 0;
/** A key unique in this page. */
export const newKey = (prefix: string) => `${prefix}${++counter}`;

export type ReadResult = { ok: true; draft: TemplateDraft } | { ok: false; problems: string[] };

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
/** The fields of `o` other than `known`: what the form carries along unseen. */
const omit = (o: Json, known: string[]): Json => Object.fromEntries(Object.entries(o).filter(([k]) => !known.includes(k)));
const QUESTION_FIELDS = ['id', 'text', 'help', 'answer', 'options', 'importance', 'compliant', 'knock_out', 'evidence', 'iso', 'iso_clauses', 'nis2'];
const QUESTION_EXTRAS = ['external', 'range', 'unit', 'max_age_days', 'maturity_labels', 'finding'];

/** Reads the API's document; what the form cannot show is named by its path, and then the JSON
 * view is the place to fix it. */
export function readDraft(content: unknown): ReadResult {
  const problems: string[] = [];
  const at = (path: string, message: string) => problems.push(`${path}: ${message}`);
  if (!isObject(content) || !Array.isArray(content.sections)) {
    return { ok: false, problems: ['sections: expected {"sections": [...]}, a list of sections'] };
  }
  const rawSections: unknown[] = content.sections;
  const text = (o: Json, field: string, path: string, required: boolean): string => {
    const v = o[field];
    if (typeof v === 'string') return v;
    if (v !== undefined && v !== null) at(`${path}.${field}`, 'expected text');
    else if (required) at(`${path}.${field}`, 'is missing');
    return '';
  };
  const list = (o: Json, field: string, path: string): string[] => {
    const v = o[field] ?? [];
    if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
    at(`${path}.${field}`, 'expected a list of texts');
    return [];
  };
  const oneOf = <T extends string>(o: Json, field: string, path: string, allowed: readonly T[], fallback?: T): T => {
    const v = o[field] ?? fallback;
    if (allowed.includes(v as T)) return v as T;
    at(`${path}.${field}`, v === undefined || v === null ? 'is missing' : `${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
    return allowed[0];
  };
  const numberOrNull = (v: unknown, path: string): number | null => {
    if (v === undefined || v === null) return null;
    if (typeof v === 'number') return v;
    at(path, 'expected a number');
    return null;
  };

  const sections = rawSections.map((raw, i): SectionDraft => {
    const path = `sections[${i}]`;
    if (!isObject(raw)) {
      at(path, 'expected a section');
      return { key: newKey('s'), id: '', title: '', questions: [], autoId: false, rest: {} };
    }
    const questions = raw.questions;
    if (!Array.isArray(questions ?? [])) at(`${path}.questions`, 'expected a list of questions');
    const rawQuestions: unknown[] = Array.isArray(questions) ? questions : [];
    return {
      key: newKey('s'),
      id: text(raw, 'id', path, true),
      title: text(raw, 'title', path, true),
      autoId: false,
      rest: omit(raw, ['id', 'title', 'questions']),
      questions: rawQuestions.map((q, j) => readQuestion(q, `${path}.questions[${j}]`)),
    };
  });

  function readQuestion(raw: unknown, path: string): QuestionDraft {
    const q = isObject(raw) ? raw : {};
    if (!isObject(raw)) at(path, 'expected a question');
    const { options, knock_out, external, range, max_age_days, maturity_labels } = q;
    if (knock_out !== undefined && typeof knock_out !== 'boolean') at(`${path}.knock_out`, 'expected true or false');
    const readOptions = Array.isArray(options ?? []) ? ((options ?? []) as unknown[]) : (at(`${path}.options`, 'expected a list of options'), []);
    const readExternal = Array.isArray(external ?? []) ? ((external ?? []) as unknown[]) : (at(`${path}.external`, 'expected a list'), []);
    if (range !== undefined && range !== null && !isObject(range)) at(`${path}.range`, 'expected {"min": ..., "max": ...}');
    const labels = maturity_labels === undefined || maturity_labels === null ? null : list(q, 'maturity_labels', path);
    return {
      key: newKey('q'),
      id: text(q, 'id', path, true),
      text: text(q, 'text', path, true),
      help: text(q, 'help', path, false),
      answer: oneOf(q, 'answer', path, ANSWER_TYPES),
      options: readOptions.map((o, k) => {
        const opath = `${path}.options[${k}]`;
        const option = isObject(o) ? o : (at(opath, 'expected an option'), {});
        const score = option.score;
        if (typeof score !== 'number') at(`${opath}.score`, 'expected a number from 0 to 1');
        return {
          key: newKey('o'),
          value: text(option, 'value', opath, true),
          label: text(option, 'label', opath, true),
          score: typeof score === 'number' ? score : 0,
          autoValue: false,
          rest: omit(option, ['value', 'label', 'score']),
        };
      }),
      importance: oneOf(q, 'importance', path, IMPORTANCES),
      compliant: list(q, 'compliant', path),
      knockOut: knock_out === true,
      evidence: oneOf(q, 'evidence', path, EVIDENCE, 'none'),
      iso: list(q, 'iso', path),
      isoClauses: list(q, 'iso_clauses', path),
      nis2: list(q, 'nis2', path),
      external: readExternal.map((e, k) => {
        const ref = isObject(e) ? e : (at(`${path}.external[${k}]`, 'expected {"scheme": ..., "id": ...}'), {});
        return { key: newKey('e'), scheme: text(ref, 'scheme', `${path}.external[${k}]`, true), id: text(ref, 'id', `${path}.external[${k}]`, true) };
      }),
      range: isObject(range) ? { min: numberOrNull(range.min, `${path}.range.min`), max: numberOrNull(range.max, `${path}.range.max`) } : null,
      unit: text(q, 'unit', path, false),
      maxAgeDays: numberOrNull(max_age_days, `${path}.max_age_days`),
      maturityLabels: labels,
      finding: text(q, 'finding', path, false),
      rest: omit(q, [...QUESTION_FIELDS, ...QUESTION_EXTRAS]),
    };
  }

  return problems.length ? { ok: false, problems } : { ok: true, draft: { sections, rest: omit(content, ['sections']) } };
}

/** The document the API takes: the known fields in the format's order, then whatever the form
 * carried along; optional fields only when they say something. */
export function writeDraft(draft: TemplateDraft): Json {
  return {
    ...draft.rest,
    sections: draft.sections.map((s) => ({
      id: s.id,
      title: s.title,
      questions: s.questions.map(writeQuestion),
      ...s.rest,
    })),
  };
}

function writeQuestion(q: QuestionDraft): Json {
  const out: Json = { id: q.id, text: q.text };
  if (q.help.trim()) out.help = q.help;
  out.answer = q.answer;
  if (q.options.length) out.options = q.options.map((o) => ({ value: o.value, label: o.label, score: o.score, ...o.rest }));
  out.importance = q.importance;
  if (q.compliant.length) out.compliant = q.compliant;
  out.knock_out = q.knockOut;
  out.evidence = q.evidence;
  out.iso = q.iso;
  out.iso_clauses = q.isoClauses;
  out.nis2 = q.nis2;
  if (q.external.length) out.external = q.external.map((e) => ({ scheme: e.scheme, id: e.id }));
  if (q.range) {
    const range: Json = {};
    if (q.range.min !== null) range.min = q.range.min;
    if (q.range.max !== null) range.max = q.range.max;
    out.range = range;
  }
  if (q.unit.trim()) out.unit = q.unit;
  if (q.maxAgeDays !== null) out.max_age_days = q.maxAgeDays;
  if (q.maturityLabels) out.maturity_labels = q.maturityLabels;
  if (q.finding.trim()) out.finding = q.finding.trim();
  return { ...out, ...q.rest };
}

/** The document as the JSON view shows it. */
export const draftJson = (draft: TemplateDraft) => JSON.stringify(writeDraft(draft), null, 2);

/** Answer types that are scored against options. */
export const hasOptions = (answer: AnswerType) => answer === 'choice' || answer === 'multi_choice';

/** Whether answers count towards scores (as the API decides it). */
export function isScored(q: Pick<QuestionDraft, 'answer' | 'range' | 'maxAgeDays'>): boolean {
  if (q.answer === 'text') return false;
  if (q.answer === 'number') return q.range !== null;
  if (q.answer === 'date') return q.maxAgeDays !== null;
  return true;
}

/** A new, empty question of a section. */
export function newQuestion(id: string): QuestionDraft {
  return {
    key: newKey('q'),
    id,
    text: '',
    help: '',
    answer: 'yes_no_na',
    options: [],
    importance: 'standard',
    compliant: ['yes'],
    knockOut: false,
    evidence: 'none',
    iso: [],
    isoClauses: [],
    nis2: [],
    external: [],
    range: null,
    unit: '',
    maxAgeDays: null,
    maturityLabels: null,
    finding: '',
    rest: {},
  };
}

export function newOption(label: string, score: number, taken: Iterable<string>): OptionDraft {
  return { key: newKey('o'), value: suggestOptionValue(label, taken), label, score, autoValue: true, rest: {} };
}
