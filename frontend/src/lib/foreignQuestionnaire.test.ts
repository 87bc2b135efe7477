import { describe, expect, it } from 'vitest';
import {
  type ControlStatus,
  annexA,
  controlFilters,
  controlsShown,
  coverageFigures,
  evidenceWords,
  gapFilters,
  gapReasons,
  gapSentence,
  gapShown,
  isGenerated,
  isMapped,
  lineSource,
  mappingFilters,
  mappingShown,
  nis2Figure,
  nis2Share,
  notMappedReason,
  percent,
  questionSource,
  sendableTemplates,
  sourceName,
  statusWords,
} from './foreignQuestionnaire';

const control = (id: string, status: ControlStatus) => ({ id, status });

describe('a supplier questionnaire: coverage', () => {
  const controls = [
    control('5.1', 'COMPLIANT'),
    control('5.2', 'NOT_COVERED'),
    control('8.15', 'NOT_APPLICABLE'),
    control('8.24', 'NON_COMPLIANT'),
    control('8.25', 'COMPLIANT'),
  ];

  it('filters the controls by status, each filter with its count', () => {
    expect(controlFilters(controls).map((f) => f.label)).toEqual(['All (5)', 'Compliant (2)', 'Answered short (1)', 'Only n/a (1)', 'Not covered (1)']);
    expect(controlsShown(controls, 'COMPLIANT').map((c) => c.id)).toEqual(['5.1', '8.25']);
    expect(controlsShown(controls, 'ALL')).toHaveLength(5);
    expect(controlsShown(controls, 'NOT_COVERED').map((c) => c.id)).toEqual(['5.2']);
  });

  it('words statuses, shares and evidence', () => {
    expect(statusWords('NON_COMPLIANT')).toEqual({ label: 'answered short', color: 'red' });
    expect(statusWords('NOT_COVERED').label).toBe('not covered');
    expect(percent(0.5868055555555556)).toBe('59%');
    expect(percent(-0)).toBe('0%');
    expect(percent(1.2)).toBe('100%');
    expect(percent(Number.NaN)).toBe('0%');
    expect(annexA('5.15')).toBe('A.5.15');
    expect(annexA('A.5.15')).toBe('A.5.15');
    expect(evidenceWords({ questionId: 'IAM-02.1', answer: 'yes', spread: 2 })).toBe('IAM-02.1: yes (1/2)');
    expect(evidenceWords({ questionId: 'X-1', answer: 'no', spread: 0 })).toBe('X-1: no (1/1)');
  });

  it('bars a NIS 2 point by its related controls covered', () => {
    expect(nis2Share({ controls: 12, covered: 3 })).toBe(25);
    expect(nis2Figure({ controls: 12, covered: 3 })).toBe('3/12');
    expect(nis2Share({ controls: 0, covered: 0 })).toBe(0);
    expect(nis2Figure({ controls: 0, covered: 0 })).toBe('no related control');
  });

  it('gives the figures out of every Annex A control', () => {
    const figures = coverageFigures({
      controls: [...new Array(91).fill({ status: 'COMPLIANT' }), ...new Array(2).fill({ status: 'NOT_APPLICABLE' })],
      controlsCovered: 24,
      controlsCompliant: 23,
      controlsNotCovered: 69,
      confidence: 0.5868,
    });
    expect(figures.map((f) => `${f.value} ${f.words}`)).toEqual([
      '24 of 93 Annex A controls covered',
      '23 with only compliant answers',
      '69 not covered (2 only answered n/a)',
      '59% confidence',
    ]);
    const none = coverageFigures({ controls: [], controlsCovered: 0, controlsCompliant: 0, controlsNotCovered: 93, confidence: 0 });
    expect(none.map((f) => `${f.value} ${f.words}`)).toEqual([
      '0 of 93 Annex A controls covered',
      '0 with only compliant answers',
      '93 not covered',
      '0% confidence',
    ]);
  });
});

describe('a supplier questionnaire: mapping', () => {
  const mapping = [
    { questionId: 'IAM-02.1', controls: ['5.17', '8.5'], source: 'crosswalk caiq-v4.csv' },
    { questionId: 'ZZZ-99.1', controls: [], source: 'not mapped: no crosswalk knows this id' },
    { questionId: 'GRC-05.1', controls: ['5.1'], source: "the workbook's own crosswalk (Mapping!A1)" },
  ];

  it('tells mapped questions from those that are not, and why not', () => {
    expect(mapping.map(isMapped)).toEqual([true, false, true]);
    expect(notMappedReason(mapping[1].source)).toBe('no crosswalk knows this id');
    expect(mappingFilters(mapping).map((f) => f.label)).toEqual(['All (3)', 'Mapped (2)', 'Not mapped (1)']);
    expect(mappingShown(mapping, 'NOT_MAPPED').map((m) => m.questionId)).toEqual(['ZZZ-99.1']);
    expect(mappingShown(mapping, 'MAPPED').map((m) => m.questionId)).toEqual(['IAM-02.1', 'GRC-05.1']);
    expect(mappingShown(mapping, 'ALL')).toBe(mapping);
  });
});

describe('a supplier questionnaire: follow-up', () => {
  it('offers only our published templates, never generated ones', () => {
    const templates = [
      { slug: 'iso27001-annex-a', basedOn: null, latestPublished: { id: '1' } },
      { slug: 'ours', basedOn: 'shipped:nis2-supplier-baseline@1', latestPublished: { id: '2' } },
      { slug: 'unpublished', basedOn: null, latestPublished: null },
      { slug: 'caiq-v4', basedOn: 'family:caiq-v4', latestPublished: { id: '3' } },
      { slug: 'follow-up-iso27001-annex-a-1234', basedOn: 'follow-up:1234', latestPublished: { id: '4' } },
    ];
    expect(sendableTemplates(templates).map((t) => t.slug)).toEqual(['iso27001-annex-a', 'ours']);
    expect(isGenerated({ basedOn: 'family:soa-iso27001-2022' })).toBe(true);
    expect(isGenerated({})).toBe(false);
  });

  it('counts the questions asked and not asked', () => {
    const questions = [
      { questionId: 'ORG-01', asked: false, reason: 'A.5.1 met by CSA CAIQ v4.0.2' },
      { questionId: 'ORG-02', asked: true, reason: 'A.5.2 not covered' },
      { questionId: 'TEC-30', asked: true, reason: 'A.8.24 answered short' },
    ];
    expect(gapSentence(questions)).toBe('Asks 2 of 3 questions; 1 is not asked.');
    expect(gapSentence(questions.slice(1))).toBe('Asks 2 of 2 questions; 0 are not asked.');
    expect(gapFilters(questions).map((f) => f.label)).toEqual(['Asked (2)', 'Not asked (1)', 'All (3)']);
    expect(gapShown(questions, 'NOT_ASKED').map((q) => q.questionId)).toEqual(['ORG-01']);
    expect(gapShown(questions, 'ASKED').map((q) => q.questionId)).toEqual(['ORG-02', 'TEC-30']);
  });

  it('counts the reasons by kind', () => {
    const questions = [
      { asked: false, reason: 'A.5.1 met by CSA CAIQ v4.0.2' },
      { asked: false, reason: 'A.5.35, A.5.36 met by CSA CAIQ v4.0.2' },
      { asked: true, reason: 'A.5.2 not covered' },
      { asked: true, reason: 'A.7.4 not covered, A.8.24 answered short' },
      { asked: true, reason: 'maps to no Annex A control, so the other questionnaire cannot answer it' },
    ];
    expect(gapReasons(questions, 'CSA CAIQ v4.0.2')).toEqual([
      'Asked, a control answered short in CSA CAIQ v4.0.2: 1 question',
      'Asked, a control not covered by CSA CAIQ v4.0.2: 1 question',
      'Asked, no Annex A control through which another questionnaire could answer: 1 question',
      'Not asked, every control met by CSA CAIQ v4.0.2: 2 questions',
    ]);
    expect(gapReasons(questions.slice(0, 1), 'X')).toEqual(['Not asked, every control met by X: 1 question']);
    // Each question once, under the first kind its reason names; unknown kinds still count.
    expect(
      gapReasons(
        [
          { asked: true, reason: 'a knock-out question: always asked in our own words' },
          { asked: true, reason: 'A.8.15 answered n/a, A.8.16 answered short' },
          { asked: true, reason: 'A.8.15 answered n/a' },
          { asked: true, reason: 'something new' },
        ],
        'X',
      ),
    ).toEqual([
      'Asked, a knock-out question, always in our own words: 1 question',
      'Asked, a control answered short in X: 1 question',
      'Asked, a control X answered only n/a: 1 question',
      'Asked for another reason: 1 question',
    ]);
  });
});

describe('where a scored question came from', () => {
  it('names the questionnaire of a prefixed id', () => {
    expect(questionSource('caiq-v4-0-3:IAM-02.1')).toEqual({ source: 'CSA CAIQ v4.0.3', question: 'IAM-02.1' });
    expect(questionSource('caiq-v4:IAM-02.1')).toEqual({ source: 'CSA CAIQ v4', question: 'IAM-02.1' });
    expect(questionSource('hecvat-3-04-full:HLAP-01')).toEqual({
      source: 'EDUCAUSE HECVAT 3.04 Full',
      question: 'HLAP-01',
    });
    expect(sourceName('hecvat-4-1-4-lite')).toBe('EDUCAUSE HECVAT 4.1.4 Lite');
    expect(sourceName('soa-iso27001-2013')).toBe('ISO/IEC 27001:2013 Statement of Applicability');
    expect(sourceName('someone-else')).toBe('someone-else');
    expect(questionSource('ORG-02')).toBeNull();
    expect(questionSource(':x')).toBeNull();
    expect(questionSource('Note:')).toBeNull();
  });

  it('splits an explanation line that starts with such an id', () => {
    expect(lineSource('caiq-v4-0-2:CEK-03.1 (high, 3 points): answered no - "Keys?" costs 2.1 points of the score.')).toEqual({
      source: 'CSA CAIQ v4.0.2',
      question: 'CEK-03.1',
      rest: ' (high, 3 points): answered no - "Keys?" costs 2.1 points of the score.',
    });
    expect(lineSource('ORG-02 (standard, 2 points): answered no - "Roles?" costs 1.0 points of the score.')).toBeNull();
  });
});
