// Every change the template form makes to a draft, as one reducer: adding, removing and
// reordering sections, questions and options, and editing their fields with the rules that keep
// a question consistent when its answer type changes. Which questions are unfolded is kept here
// too, so that a new question opens where it was added.
import {
  type AnswerType,
  type OptionDraft,
  type QuestionDraft,
  type SectionDraft,
  type TemplateDraft,
  hasOptions,
  newKey,
  newOption,
  newQuestion,
  suggestOptionValue,
  suggestQuestionId,
  suggestSectionId,
} from '../../lib/templateDraft';
import type { Place } from '../../lib/templateProblems';

export interface EditorState {
  draft: TemplateDraft;
  /** Keys of the questions shown unfolded. */
  open: string[];
}

type SectionPatch = Partial<Pick<SectionDraft, 'id' | 'title'>>;
type QuestionPatch = Partial<Omit<QuestionDraft, 'key' | 'options'>>;
type OptionPatch = Partial<Pick<OptionDraft, 'value' | 'label' | 'score'>>;

export type Action =
  | { type: 'load'; draft: TemplateDraft }
  | { type: 'addSection' }
  | { type: 'setSection'; section: string; patch: SectionPatch }
  | { type: 'removeSection'; section: string }
  | { type: 'moveSection'; section: string; by: -1 | 1 }
  | { type: 'addQuestion'; section: string }
  | { type: 'setQuestion'; section: string; question: string; patch: QuestionPatch }
  | { type: 'removeQuestion'; section: string; question: string }
  | { type: 'moveQuestion'; section: string; question: string; by: -1 | 1 }
  | { type: 'moveQuestionTo'; section: string; question: string; to: string }
  | { type: 'addOption'; section: string; question: string }
  | { type: 'setOption'; section: string; question: string; option: string; patch: OptionPatch }
  | { type: 'removeOption'; section: string; question: string; option: string }
  | { type: 'moveOption'; section: string; question: string; option: string; by: -1 | 1 }
  | { type: 'toggle'; question: string; open?: boolean };

export const initialState = (draft: TemplateDraft): EditorState => ({ draft, open: [] });

/** `list` with the item at `index` moved `by` places, or `list` itself at an end. */
export function move<T>(list: T[], index: number, by: number): T[] {
  const to = index + by;
  if (index < 0 || to < 0 || to >= list.length) return list;
  const next = [...list];
  const [item] = next.splice(index, 1);
  next.splice(to, 0, item);
  return next;
}

const clamp = (score: number) => Math.min(1, Math.max(0, Number.isFinite(score) ? score : 0));

/** A question after its answer type changed: options only for choices (two to start with), a
 * compliant answer only for yes/no, a range and unit only for numbers, a maximum age only for
 * dates, level labels only for maturity, and no knock-out on unscored text. */
export function withAnswerType(q: QuestionDraft, answer: AnswerType): QuestionDraft {
  if (answer === q.answer) return q;
  let options = hasOptions(answer) ? q.options : [];
  if (hasOptions(answer) && options.length === 0) {
    const first = blankOption([], 1);
    options = [first, blankOption([first.value], 0)];
  }
  const yesNo = q.compliant.length > 0 && q.compliant.every((c) => c === 'yes' || c === 'no');
  return {
    ...q,
    answer,
    options,
    compliant: answer === 'yes_no_na' ? (yesNo ? q.compliant : ['yes']) : [],
    range: answer === 'number' ? q.range : null,
    unit: answer === 'number' ? q.unit : '',
    maxAgeDays: answer === 'date' ? q.maxAgeDays : null,
    maturityLabels: answer === 'maturity_0_5' ? q.maturityLabels : null,
    knockOut: answer === 'text' ? false : q.knockOut,
  };
}

function blankOption(taken: string[], score: number): OptionDraft {
  let n = taken.length + 1;
  while (taken.includes(`option_${n}`)) n += 1;
  return { ...newOption('', score, taken), value: `option_${n}` };
}

export function editorReducer(state: EditorState, action: Action): EditorState {
  const { draft } = state;
  const sections = (f: (list: SectionDraft[]) => SectionDraft[]): EditorState => ({ ...state, draft: { ...draft, sections: f(draft.sections) } });
  const section = (key: string, f: (s: SectionDraft) => SectionDraft) => sections((list) => list.map((s) => (s.key === key ? f(s) : s)));
  const questions = (key: string, f: (list: QuestionDraft[]) => QuestionDraft[]) => section(key, (s) => ({ ...s, questions: f(s.questions) }));
  const question = (s: string, key: string, f: (q: QuestionDraft) => QuestionDraft) => questions(s, (list) => list.map((q) => (q.key === key ? f(q) : q)));
  const options = (s: string, q: string, f: (list: OptionDraft[]) => OptionDraft[]) => question(s, q, (x) => ({ ...x, options: f(x.options) }));

  switch (action.type) {
    case 'load':
      return initialState(action.draft);
    case 'addSection': {
      const id = suggestSectionId(
        '',
        draft.sections.map((s) => s.id),
      );
      return sections((list) => [...list, { key: newKey('s'), id, title: '', questions: [], autoId: true, rest: {} }]);
    }
    case 'setSection':
      return section(action.section, (s) => {
        const { id, title } = action.patch;
        if (id !== undefined) return { ...s, id, autoId: false };
        if (title === undefined) return s;
        if (!s.autoId) return { ...s, title };
        // A new section's id follows its title, and so do its questions' ids.
        const others = draft.sections.filter((x) => x.key !== s.key).map((x) => x.id);
        const next = suggestSectionId(title, others);
        const renamed = s.questions.map((q) => (q.id.startsWith(`${s.id}-`) ? { ...q, id: `${next}-${q.id.slice(s.id.length + 1)}` } : q));
        return { ...s, title, id: next, questions: renamed };
      });
    case 'removeSection': {
      const gone = draft.sections.find((s) => s.key === action.section)?.questions.map((q) => q.key) ?? [];
      return { ...sections((list) => list.filter((s) => s.key !== action.section)), open: state.open.filter((k) => !gone.includes(k)) };
    }
    case 'moveSection':
      return sections((list) =>
        move(
          list,
          list.findIndex((s) => s.key === action.section),
          action.by,
        ),
      );
    case 'addQuestion': {
      const target = draft.sections.find((s) => s.key === action.section);
      if (!target) return state;
      const added = newQuestion(suggestQuestionId(target.id, draft));
      return { ...questions(action.section, (list) => [...list, added]), open: [...state.open, added.key] };
    }
    case 'setQuestion':
      return question(action.section, action.question, (q) => {
        const { answer, ...rest } = action.patch;
        return { ...(answer ? withAnswerType(q, answer) : q), ...rest };
      });
    case 'removeQuestion':
      return { ...questions(action.section, (list) => list.filter((q) => q.key !== action.question)), open: state.open.filter((k) => k !== action.question) };
    case 'moveQuestion':
      return questions(action.section, (list) =>
        move(
          list,
          list.findIndex((q) => q.key === action.question),
          action.by,
        ),
      );
    case 'moveQuestionTo': {
      const moving = draft.sections.find((s) => s.key === action.section)?.questions.find((q) => q.key === action.question);
      if (!moving || action.to === action.section || !draft.sections.some((s) => s.key === action.to)) return state;
      return sections((list) =>
        list.map((s) => {
          if (s.key === action.section) return { ...s, questions: s.questions.filter((q) => q.key !== action.question) };
          if (s.key === action.to) return { ...s, questions: [...s.questions, moving] };
          return s;
        }),
      );
    }
    case 'addOption':
      return options(action.section, action.question, (list) => [
        ...list,
        blankOption(
          list.map((o) => o.value),
          0,
        ),
      ]);
    case 'setOption':
      return options(action.section, action.question, (list) =>
        list.map((o) => {
          if (o.key !== action.option) return o;
          const { value, label, score } = action.patch;
          const next = { ...o };
          if (score !== undefined) next.score = clamp(score);
          if (value !== undefined) Object.assign(next, { value, autoValue: false });
          if (label !== undefined) {
            next.label = label;
            // A new option's value follows its label until someone types one.
            const taken = list.filter((x) => x.key !== o.key).map((x) => x.value);
            if (o.autoValue && label.trim()) next.value = suggestOptionValue(label, taken);
          }
          return next;
        }),
      );
    case 'removeOption':
      return options(action.section, action.question, (list) => list.filter((o) => o.key !== action.option));
    case 'moveOption':
      return options(action.section, action.question, (list) =>
        move(
          list,
          list.findIndex((o) => o.key === action.option),
          action.by,
        ),
      );
    case 'toggle': {
      const isOpen = state.open.includes(action.question);
      const open = action.open ?? !isOpen;
      if (open === isOpen) return state;
      return { ...state, open: open ? [...state.open, action.question] : state.open.filter((k) => k !== action.question) };
    }
  }
}

/** The document's name of a field the form patches. */
const DOC_FIELDS: Record<string, string[]> = {
  knockOut: ['knock_out'],
  iso: ['iso', 'nis2'],
  isoClauses: ['iso', 'nis2'],
  nis2: ['iso', 'nis2'],
  maxAgeDays: ['max_age_days'],
  maturityLabels: ['maturity_labels'],
};

/** Whether `action` edits what a problem at `place` is about, so that the problem, which the
 * API found in the draft before, no longer stands as it was. */
export function touches(action: Action, place: Place): boolean {
  switch (action.type) {
    case 'setQuestion': {
      if (place.question !== action.question) return false;
      if (action.patch.answer || place.field === '') return true;
      return Object.keys(action.patch).some((k) => (DOC_FIELDS[k] ?? [k]).includes(place.field));
    }
    case 'addOption':
    case 'setOption':
    case 'removeOption':
      return place.question === action.question && ['options', ''].includes(place.field);
    case 'removeQuestion':
      return place.question === action.question;
    case 'setSection':
      return (
        place.section === action.section &&
        !place.question &&
        (place.field === '' || Object.keys(action.patch).includes(place.field) || 'title' in action.patch)
      );
    case 'addQuestion':
      return place.section === action.section && !place.question && place.field === 'questions';
    case 'removeSection':
      return place.section === action.section;
    default:
      return false;
  }
}
