import { describe, expect, it } from 'vitest';
import { fieldOfMessage, hasProblems, placeProblems, problemsAt } from './templateProblems';
import { read, serverContent } from './templateFixture';

describe('template problems', () => {
  const draft = read(serverContent);
  const [bas, ops] = draft.sections;
  const [policy, certification] = bas.questions;

  it('places a path with indices at its question and field', () => {
    const [p] = placeProblems({ 'content.sections[0].questions[1].importance': 'unknown variant `vital`' }, draft);
    expect(p.places).toEqual([{ section: bas.key, question: certification.key, field: 'importance' }]);
    expect(p.where).toBe('Section BAS, question BAS-04: importance');
    // Without the `content.` in front, and deeper inside a field, it is the same field.
    const [q] = placeProblems({ 'sections[1].questions[0].range.min': 'min 30 is above max 24' }, draft);
    expect(q.places).toEqual([{ section: ops.key, question: ops.questions[0].key, field: 'range' }]);
    const [o] = placeProblems({ 'sections[0].questions[1].options[1].score': 'outside 0..1' }, draft);
    expect(o.places[0].field).toBe('options');
  });

  it('reads the field from a parse error when the path stops at the question', () => {
    const [p] = placeProblems({ 'content.sections[0].questions[1]': 'unknown variant `vital`, expected one of `minor`, `standard`, `critical`' }, draft);
    expect(p.places).toEqual([{ section: bas.key, question: certification.key, field: 'importance' }]);
    const [s] = placeProblems({ 'content.sections[1]': 'missing field `title`' }, draft);
    expect(s.places).toEqual([{ section: ops.key, question: undefined, field: 'title' }]);
  });

  it('places problems named by question or section id, at every question with that id', () => {
    const twice = read({
      sections: [{ ...serverContent.sections[0], questions: [serverContent.sections[0].questions[0], serverContent.sections[0].questions[0]] }],
    });
    const [dup] = placeProblems({ 'content.question[BAS-01]': 'id is used twice' }, twice);
    expect(dup.places.map((p) => p.question)).toEqual(twice.sections[0].questions.map((q) => q.key));
    expect(dup.places.every((p) => p.field === 'id')).toBe(true);

    const [options] = placeProblems({ 'content.question[BAS-04]': 'options: a choice question needs at least two options' }, draft);
    expect(options.places).toEqual([{ section: bas.key, question: certification.key, field: 'options' }]);
    expect(options.message).toBe('a choice question needs at least two options');
    expect(options.where).toBe('Section BAS, question BAS-04: options');

    const [clause] = placeProblems({ 'content.question[BAS-04]': 'clause 9.99 does not exist' }, draft);
    expect(clause.places[0].field).toBe('iso');
    const [nis2] = placeProblems({ 'content.question[BAS-01]': 'NIS 2 reference 21(2)(z) does not exist' }, draft);
    expect(nis2.places[0]).toEqual({ section: bas.key, question: policy.key, field: 'nis2' });

    const [section] = placeProblems({ 'content.section[OPS]': 'id must be 2-5 upper-case letters' }, draft);
    expect(section.places).toEqual([{ section: ops.key, field: 'id' }]);
  });

  it('keeps what it cannot place for the list alone', () => {
    const problems = placeProblems(
      { content: 'a template needs at least one section', 'content.question[NOPE-1]': 'text must not be empty', 'sections[9]': 'x' },
      draft,
    );
    expect(problems.map((p) => p.places.length)).toEqual([0, 0, 0]);
    expect(problems[0].where).toBe('The document');
    expect(placeProblems({ 'content.sections[0]': 'x' }, null)[0].places).toEqual([]);
  });

  it('finds the problems of one field and of one question', () => {
    const problems = placeProblems(
      {
        'content.question[BAS-04]': 'options: needs two',
        'content.sections[0].questions[1].options': 'listed twice',
        'content.section[OPS]': 'has no questions',
      },
      draft,
    );
    expect(problemsAt(problems, bas.key, certification.key, 'options')).toBe('needs two; listed twice');
    expect(problemsAt(problems, bas.key, policy.key, 'options')).toBeUndefined();
    expect(hasProblems(problems, bas.key, certification.key)).toBe(true);
    expect(hasProblems(problems, bas.key, policy.key)).toBe(false);
    expect(problemsAt(problems, ops.key, undefined, 'questions')).toBe('has no questions');
  });

  it('reads the field a message is about', () => {
    const fields = ['text', 'iso', 'knock_out', 'answer', 'compliant'];
    expect(fieldOfMessage('compliant: a yes_no_na question needs [yes] or [no]', fields)).toEqual({
      field: 'compliant',
      message: 'a yes_no_na question needs [yes] or [no]',
    });
    expect(fieldOfMessage('a scored question must map to at least one ISO control or NIS 2 reference', fields).field).toBe('iso');
    expect(fieldOfMessage('knock_out needs a scored answer type', fields).field).toBe('knock_out');
    expect(fieldOfMessage('finding is 130 characters long, at most 120', [...fields, 'finding']).field).toBe('finding');
    expect(fieldOfMessage('unknown variant `maybe`, expected one of `yes_no_na`, `choice`', fields).field).toBe('answer');
    expect(fieldOfMessage('something else entirely', fields)).toEqual({ field: '', message: 'something else entirely' });
    // A prefix that is no field of the item stays in the message.
    expect(fieldOfMessage('title: too long', fields)).toEqual({ field: '', message: 'title: too long' });
  });
});
