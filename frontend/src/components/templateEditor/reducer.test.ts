import { describe, expect, it } from 'vitest';
import { type EditorState, editorReducer, initialState, move, touches, withAnswerType } from './reducer';
import { writeDraft } from '../../lib/templateDraft';
import { read, serverContent } from '../../lib/templateFixture';

const start = (): EditorState => initialState(read(serverContent));
const ids = (state: EditorState) => state.draft.sections.map((s) => `${s.id}: ${s.questions.map((q) => q.id).join(' ')}`);

describe('template editor state', () => {
  it('moves items within bounds only', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 2, -2)).toEqual(['c', 'a', 'b']);
    const list = ['a', 'b'];
    expect(move(list, 1, 1)).toBe(list);
    expect(move(list, -1, 1)).toBe(list);
  });

  it('adds a section whose id follows its title, questions included, until an id is typed', () => {
    let state = editorReducer(start(), { type: 'addSection' });
    const added = state.draft.sections[2];
    expect(added).toMatchObject({ id: 'SEC', title: '', questions: [], autoId: true });
    state = editorReducer(state, { type: 'addQuestion', section: added.key });
    expect(state.draft.sections[2].questions[0].id).toBe('SEC-01');
    expect(state.open).toEqual([state.draft.sections[2].questions[0].key]);
    state = editorReducer(state, { type: 'setSection', section: added.key, patch: { title: 'Incident response' } });
    expect(ids(state)[2]).toBe('INC: INC-01');
    state = editorReducer(state, { type: 'setSection', section: added.key, patch: { id: 'IR' } });
    state = editorReducer(state, { type: 'setSection', section: added.key, patch: { title: 'Incidents' } });
    expect(state.draft.sections[2]).toMatchObject({ id: 'IR', title: 'Incidents', autoId: false });
    // A section read from the server keeps its id whatever its new title.
    const bas = state.draft.sections[0];
    state = editorReducer(state, { type: 'setSection', section: bas.key, patch: { title: 'Fundamentals' } });
    expect(state.draft.sections[0].id).toBe('BAS');
  });

  it('reorders sections and questions, and moves a question to another section', () => {
    let state = start();
    const [bas, ops] = state.draft.sections;
    state = editorReducer(state, { type: 'moveQuestion', section: bas.key, question: bas.questions[1].key, by: -1 });
    expect(ids(state)).toEqual(['BAS: BAS-04 BAS-01', 'OPS: OPS-01']);
    state = editorReducer(state, { type: 'moveSection', section: ops.key, by: -1 });
    expect(ids(state)).toEqual(['OPS: OPS-01', 'BAS: BAS-04 BAS-01']);
    state = editorReducer(state, { type: 'moveQuestionTo', section: bas.key, question: bas.questions[0].key, to: ops.key });
    expect(ids(state)).toEqual(['OPS: OPS-01 BAS-01', 'BAS: BAS-04']);
    // The written document follows the order on screen.
    expect((writeDraft(state.draft).sections as { id: string }[]).map((s) => s.id)).toEqual(['OPS', 'BAS']);
  });

  it('removes sections with their questions, and questions', () => {
    let state = start();
    const [bas, ops] = state.draft.sections;
    state = editorReducer(state, { type: 'toggle', question: bas.questions[0].key });
    state = editorReducer(state, { type: 'removeSection', section: bas.key });
    expect(ids(state)).toEqual(['OPS: OPS-01']);
    expect(state.open).toEqual([]);
    state = editorReducer(state, { type: 'removeQuestion', section: ops.key, question: ops.questions[0].key });
    expect(ids(state)).toEqual(['OPS: ']);
  });

  it('keeps a question consistent when its answer type changes', () => {
    const state = start();
    const policy = state.draft.sections[0].questions[0];
    const choice = withAnswerType(policy, 'choice');
    expect(choice.compliant).toEqual([]);
    expect(choice.options.map((o) => [o.value, o.score])).toEqual([
      ['option_1', 1],
      ['option_2', 0],
    ]);
    const yesNo = withAnswerType(choice, 'yes_no_na');
    expect(yesNo.options).toEqual([]);
    expect(yesNo.compliant).toEqual(['yes']);
    const number = state.draft.sections[1].questions[0];
    const text = withAnswerType(number, 'text');
    expect(text).toMatchObject({ range: null, unit: '', knockOut: false, answer: 'text' });
    expect(withAnswerType(number, 'number')).toBe(number);
  });

  it('edits a question through the reducer without touching the others', () => {
    let state = start();
    const [bas] = state.draft.sections;
    const [policy, certification] = bas.questions;
    state = editorReducer(state, { type: 'setQuestion', section: bas.key, question: policy.key, patch: { answer: 'multi_choice', importance: 'critical' } });
    const edited = state.draft.sections[0].questions[0];
    expect(edited).toMatchObject({ answer: 'multi_choice', importance: 'critical', compliant: [] });
    expect(edited.options).toHaveLength(2);
    expect(state.draft.sections[0].questions[1]).toBe(certification);
  });

  it('adds, edits, reorders and removes options; a new option takes its value from its label', () => {
    let state = start();
    const [bas] = state.draft.sections;
    const q = bas.questions[1];
    const at = (s: EditorState) => s.draft.sections[0].questions[1].options;
    state = editorReducer(state, { type: 'addOption', section: bas.key, question: q.key });
    const added = at(state)[2];
    expect(added).toMatchObject({ value: 'option_3', label: '', score: 0 });
    state = editorReducer(state, { type: 'setOption', section: bas.key, question: q.key, option: added.key, patch: { label: 'SOC 2 Type II report' } });
    expect(at(state)[2].value).toBe('soc_2_type_ii_report');
    state = editorReducer(state, { type: 'setOption', section: bas.key, question: q.key, option: added.key, patch: { value: 'soc2' } });
    state = editorReducer(state, { type: 'setOption', section: bas.key, question: q.key, option: added.key, patch: { label: 'SOC 2', score: 1.7 } });
    expect(at(state)[2]).toMatchObject({ value: 'soc2', label: 'SOC 2', score: 1 });
    state = editorReducer(state, { type: 'setOption', section: bas.key, question: q.key, option: added.key, patch: { score: -0.2 } });
    expect(at(state)[2].score).toBe(0);
    // An option read from the server keeps its value when its label changes.
    const first = at(state)[0];
    state = editorReducer(state, { type: 'setOption', section: bas.key, question: q.key, option: first.key, patch: { label: 'ISO 27001' } });
    expect(at(state)[0].value).toBe('iso27001');
    state = editorReducer(state, { type: 'moveOption', section: bas.key, question: q.key, option: added.key, by: -1 });
    expect(at(state).map((o) => o.value)).toEqual(['iso27001', 'soc2', 'none']);
    state = editorReducer(state, { type: 'removeOption', section: bas.key, question: q.key, option: first.key });
    expect(at(state).map((o) => o.value)).toEqual(['soc2', 'none']);
  });

  it('folds and unfolds questions', () => {
    let state = start();
    const key = state.draft.sections[0].questions[0].key;
    state = editorReducer(state, { type: 'toggle', question: key });
    expect(state.open).toEqual([key]);
    const same = editorReducer(state, { type: 'toggle', question: key, open: true });
    expect(same).toBe(state);
    state = editorReducer(state, { type: 'toggle', question: key });
    expect(state.open).toEqual([]);
  });

  it('knows which problems an edit answers', () => {
    const at = { section: 's1', question: 'q1', field: 'options' };
    expect(touches({ type: 'addOption', section: 's1', question: 'q1' }, at)).toBe(true);
    expect(touches({ type: 'addOption', section: 's1', question: 'q2' }, at)).toBe(false);
    expect(touches({ type: 'setQuestion', section: 's1', question: 'q1', patch: { text: 'Why?' } }, at)).toBe(false);
    expect(touches({ type: 'setQuestion', section: 's1', question: 'q1', patch: { answer: 'text' } }, at)).toBe(true);
    const knockOut = { ...at, field: 'knock_out' };
    expect(touches({ type: 'setQuestion', section: 's1', question: 'q1', patch: { knockOut: false } }, knockOut)).toBe(true);
    // A question without references is answered by an ISO or a NIS 2 pick alike.
    expect(touches({ type: 'setQuestion', section: 's1', question: 'q1', patch: { nis2: ['21(2)(a)'] } }, { ...at, field: 'iso' })).toBe(true);
    expect(touches({ type: 'moveQuestion', section: 's1', question: 'q1', by: 1 }, at)).toBe(false);
    const sectionId = { section: 's1', field: 'id' };
    expect(touches({ type: 'setSection', section: 's1', patch: { id: 'GOV' } }, sectionId)).toBe(true);
    expect(touches({ type: 'setSection', section: 's2', patch: { id: 'GOV' } }, sectionId)).toBe(false);
    expect(touches({ type: 'addQuestion', section: 's1' }, { section: 's1', field: 'questions' })).toBe(true);
    expect(touches({ type: 'removeSection', section: 's1' }, at)).toBe(true);
  });
});
