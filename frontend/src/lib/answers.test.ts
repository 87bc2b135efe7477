import { describe, expect, it } from 'vitest';
import { afterSave, changedAnswers, fromAnswers, joinChoices, readableAnswer, saveLabel, saveState, shown, splitChoices, toFix } from './answers';

describe('respondent answers', () => {
  const server = fromAnswers([
    { questionId: 'A-1', value: 'yes', comment: null },
    { questionId: 'A-2', value: 'no', comment: 'soon' },
  ]);

  it('sends only what changed, never an empty value', () => {
    const edits = {
      'A-1': { value: 'yes ', comment: '' },
      'A-2': { value: 'no', comment: 'by March' },
      'A-3': { value: ' partial ', comment: ' ' },
      'A-4': { value: '', comment: 'thinking' },
    };
    expect(changedAnswers(edits, server)).toEqual([
      { questionId: 'A-2', value: 'no', comment: 'by March' },
      { questionId: 'A-3', value: 'partial', comment: null },
    ]);
  });

  it('shows the server answers, whoever wrote them, under the unsaved edits', () => {
    // An import wrote on the server; the form shows them at once.
    const imported = fromAnswers([...Object.entries(server).map(([questionId, a]) => ({ questionId, ...a })), { questionId: 'A-5', value: 'n/a' }]);
    expect(shown({}, imported, 'A-5')).toEqual({ value: 'n/a', comment: '' });
    expect(shown({ 'A-1': { value: 'no', comment: '' } }, imported, 'A-1').value).toBe('no');
    expect(shown({}, imported, 'A-9')).toEqual({ value: '', comment: '' });
  });

  it('shows an answer written in other words as the form writes it', () => {
    const imported = fromAnswers([{ questionId: 'A-1', value: 'Ja', canonicalValue: 'yes', comment: null }]);
    expect(shown({}, imported, 'A-1').value).toBe('yes');
  });

  it('keeps an edit typed after its save was sent', () => {
    const sent = [
      { questionId: 'A-1', value: 'no', comment: null },
      { questionId: 'A-3', value: 'Our policy', comment: null },
    ];
    const edits = { 'A-1': { value: 'no', comment: '' }, 'A-3': { value: 'Our policy is', comment: '' }, 'A-4': { value: 'x', comment: '' } };
    expect(Object.keys(afterSave(edits, sent))).toEqual(['A-3', 'A-4']);
  });

  it('says saved only when the server holds everything shown', () => {
    expect(saveLabel(saveState({}, server, false, null))).toBe('All changes saved');
    const edit = { 'A-1': { value: 'no', comment: '' } };
    expect(saveLabel(saveState(edit, server, false, null))).toBe('1 change not saved yet');
    expect(saveLabel(saveState(edit, server, true, null))).toBe('Saving…');
    expect(saveLabel(saveState(edit, server, false, 'network down'))).toBe('Not saved: network down');
    // A trailing space is no change, and an answer emptied is said to keep its value.
    expect(saveState({ 'A-1': { value: 'yes ', comment: '' } }, server, false, null).kind).toBe('saved');
    expect(saveLabel(saveState({ 'A-2': { value: '', comment: 'soon' } }, server, false, null))).toContain('A-2: an emptied answer keeps its saved value');
  });

  it('writes and reads multiple choices as the API does', () => {
    expect(joinChoices(['aws', 'azure'])).toBe('aws, azure');
    expect(splitChoices('aws, azure;gcp\n')).toEqual(['aws', 'azure', 'gcp']);
  });
});

describe('a refused submission', () => {
  it('lists the questions to fix in questionnaire order, with their sections', () => {
    const sections = [
      { id: 'BAS', questions: [{ id: 'BAS-01' }, { id: 'BAS-05' }] },
      { id: 'DAT', questions: [{ id: 'DAT-01' }] },
    ];
    const problems = { 'evidence.BAS-05': 'a document is required', 'answers.DAT-01': 'not answered', 'answers.BAS-01': 'not answered', other: 'x' };
    expect(toFix(problems, sections)).toEqual([
      { questionId: 'BAS-01', sectionId: 'BAS', message: 'not answered' },
      { questionId: 'BAS-05', sectionId: 'BAS', message: 'a document is required' },
      { questionId: 'DAT-01', sectionId: 'DAT', message: 'not answered' },
    ]);
  });
});

describe('answers in words', () => {
  const choice = { answerType: 'CHOICE', options: [{ value: 'soc_24x7', label: 'A 24/7 security operations centre' }] };
  it('shows labels, not codes', () => {
    expect(readableAnswer(choice, 'soc_24x7')).toBe('A 24/7 security operations centre');
    expect(readableAnswer({ ...choice, answerType: 'MULTI_CHOICE' }, 'soc_24x7, other')).toBe('A 24/7 security operations centre, other');
    expect(readableAnswer({ answerType: 'YES_NO_NA', options: [] }, 'partial')).toBe('Partly');
    expect(readableAnswer({ answerType: 'YES_NO_NA', options: [] }, 'n/a')).toBe('Not applicable');
    expect(readableAnswer({ answerType: 'NUMBER', options: [] }, '4')).toBe('4');
  });
});
