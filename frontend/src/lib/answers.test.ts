import { describe, expect, it } from 'vitest';
import { changedAnswers, joinChoices, splitChoices } from './answers';

describe('respondent answers', () => {
  it('sends only what changed, never an empty value', () => {
    const saved = { 'A-1': { value: 'yes', comment: '' }, 'A-2': { value: 'no', comment: 'soon' } };
    const drafts = {
      'A-1': { value: 'yes', comment: '' },
      'A-2': { value: 'no', comment: 'by March' },
      'A-3': { value: ' partial ', comment: ' ' },
      'A-4': { value: '', comment: 'thinking' },
    };
    expect(changedAnswers(drafts, saved)).toEqual([
      { questionId: 'A-2', value: 'no', comment: 'by March' },
      { questionId: 'A-3', value: 'partial', comment: null },
    ]);
  });

  it('writes and reads multiple choices as the API does', () => {
    expect(joinChoices(['aws', 'azure'])).toBe('aws, azure');
    expect(splitChoices('aws, azure;gcp\n')).toEqual(['aws', 'azure', 'gcp']);
  });
});
