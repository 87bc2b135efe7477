import { describe, expect, it } from 'vitest';
import { draftJson, isScored, readDraft, writeDraft } from './templateDraft';
import { suggestOptionValue, suggestQuestionId, suggestSectionId } from './templateIds';
import { read, serverContent } from './templateFixture';

describe('template drafts', () => {
  it('reads what the API writes and writes it back the same, nulls aside', () => {
    const written = writeDraft(read(serverContent));
    const withoutNullHelp = JSON.parse(JSON.stringify(serverContent, (k, v) => (k === 'help' && v === null ? undefined : v)));
    expect(written).toEqual(withoutNullHelp);
    // Reading what it wrote changes nothing either.
    expect(writeDraft(read(written))).toEqual(written);
  });

  it('keeps fields the form does not know, wherever they are', () => {
    type Loose = Record<string, unknown>;
    type Doc = Loose & { sections: (Loose & { questions: (Loose & { options?: Loose[] })[] })[] };
    const content = structuredClone(serverContent) as Doc;
    content.locale = 'de';
    Object.assign(content.sections[0], { intro: 'Start here' });
    Object.assign(content.sections[0].questions[0], { weight_override: 3, finding: 'No security policy' });
    Object.assign(content.sections[0].questions[1].options![0], { hint: 'valid today' });
    const written = writeDraft(read(content)) as Doc;
    expect(written.locale).toBe('de');
    expect(written.sections[0]).toMatchObject({ intro: 'Start here' });
    expect(written.sections[0].questions[0]).toMatchObject({ weight_override: 3, finding: 'No security policy' });
    expect(written.sections[0].questions[1].options![0]).toEqual({ value: 'iso27001', label: 'ISO/IEC 27001 certificate', score: 1, hint: 'valid today' });
  });

  it('writes optional fields only when they say something', () => {
    const draft = read(serverContent);
    const q = draft.sections[0].questions[0];
    Object.assign(q, { help: '  ', finding: '   ' });
    const written = writeDraft(draft).sections as { questions: Record<string, unknown>[] }[];
    expect(written[0].questions[0]).not.toHaveProperty('help');
    expect(written[0].questions[0]).not.toHaveProperty('finding');
    q.finding = ' No security policy ';
    expect((writeDraft(draft).sections as { questions: Record<string, unknown>[] }[])[0].questions[0].finding).toBe('No security policy');
    // A range without bounds is still a range: the question stays scored.
    draft.sections[1].questions[0].range = { min: null, max: null };
    expect((writeDraft(draft).sections as { questions: Record<string, unknown>[] }[])[1].questions[0].range).toEqual({});
    expect(isScored(draft.sections[1].questions[0])).toBe(true);
    expect(isScored({ answer: 'number', range: null, maxAgeDays: null })).toBe(false);
  });

  it('names by path what the form cannot show', () => {
    const broken = structuredClone(serverContent) as { sections: Record<string, unknown>[] };
    (broken.sections[0].questions as Record<string, unknown>[])[1].importance = 'vital';
    (broken.sections[0].questions as Record<string, unknown>[])[0].iso = '5.1';
    delete broken.sections[1].title;
    const result = readDraft(broken);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'sections[0].questions[0].iso: expected a list of texts',
      'sections[0].questions[1].importance: "vital" is not one of minor, standard, critical',
      'sections[1].title: is missing',
    ]);
    expect(readDraft([1, 2])).toEqual({ ok: false, problems: ['sections: expected {"sections": [...]}, a list of sections'] });
  });

  it('shows the document as indented JSON', () => {
    expect(draftJson(read({ sections: [] }))).toBe('{\n  "sections": []\n}');
  });

  it('suggests ids as the shipped templates write them', () => {
    expect(suggestSectionId('Incident response', [])).toBe('INC');
    expect(suggestSectionId('Incident response', ['INC'])).toBe('IR');
    expect(suggestSectionId('Incidents', ['INC'])).toBe('INCI');
    expect(suggestSectionId('Sécurité physique', [])).toBe('SEC');
    expect(suggestSectionId('', [])).toBe('SEC');
    expect(suggestSectionId('', ['SEC', 'SECA'])).toBe('SECB');
    const id = suggestSectionId('A', ['SEC']);
    expect(id).toMatch(/^[A-Z]{2,5}$/);

    const draft = read(serverContent);
    expect(suggestQuestionId('BAS', draft)).toBe('BAS-05');
    expect(suggestQuestionId('NEW', draft)).toBe('NEW-01');
    expect(suggestOptionValue('SOC 2 Type II', [])).toBe('soc_2_type_ii');
    expect(suggestOptionValue('Déjà vu!', ['deja_vu'])).toBe('deja_vu_2');
    expect(suggestOptionValue('  ', [])).toBe('option');
  });
});
