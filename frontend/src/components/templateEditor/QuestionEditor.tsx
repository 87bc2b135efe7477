// One question of the template form: folded, a line with its id, text and what it weighs, and
// buttons to unfold, move and remove it; unfolded, every field of the question, each showing
// the API's problems with it.
import type { Dispatch } from 'react';
import { Alert, Badge, Button, Group, Paper, Radio, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea } from '@mantine/core';
import { ANSWER_TYPES, EVIDENCE, IMPORTANCES, type QuestionDraft, type SectionDraft, hasOptions, isScored } from '../../lib/templateDraft';
import { type PlacedProblem, hasProblems, problemsAt } from '../../lib/templateProblems';
import type { Action } from './reducer';
import { MoveButtons, RemoveButton } from './Controls';
import { OptionsEditor } from './OptionsEditor';
import { ReferencePicker } from './ReferencePicker';
import { AnswerTypeFields, ExternalRefs } from './QuestionExtras';

export const ANSWER_LABELS: Record<string, string> = {
  yes_no_na: 'Yes / no / not applicable',
  choice: 'One of several options',
  multi_choice: 'Several options',
  maturity_0_5: 'Maturity level 0-5',
  number: 'Number',
  date: 'Date',
  text: 'Text (not scored)',
  file: 'File upload',
};
const IMPORTANCE_LABELS: Record<string, string> = { minor: 'Minor (5 points)', standard: 'Standard (10 points)', critical: 'Critical (20 points)' };
const EVIDENCE_LABELS: Record<string, string> = { required: 'Required', optional: 'Optional', none: 'None' };

interface Props {
  section: SectionDraft;
  sections: SectionDraft[];
  question: QuestionDraft;
  index: number;
  open: boolean;
  dispatch: Dispatch<Action>;
  problems: PlacedProblem[];
}

export function QuestionEditor({ section, sections, question: q, index, open, dispatch, problems }: Props) {
  const name = q.id || `${index + 1} (no id yet)`;
  const errorAt = (field: string) => problemsAt(problems, section.key, q.key, field);
  const change = (patch: Partial<QuestionDraft>) => dispatch({ type: 'setQuestion', section: section.key, question: q.key, patch });
  const wrong = hasProblems(problems, section.key, q.key);
  const fieldsId = `question-fields-${q.key}`;
  return (
    <Paper
      component="article"
      aria-label={`Question ${name}`}
      tabIndex={-1}
      withBorder
      p="sm"
      id={`question-${q.key}`}
      style={wrong ? { borderColor: 'var(--mantine-color-red-9)' } : undefined}
    >
      <Group justify="space-between" align="flex-start" gap="xs">
        <div style={{ flex: '1 1 16rem', minWidth: 0 }}>
          <Text size="sm" lineClamp={2}>
            <strong>{q.id || '(no id)'}</strong> {q.text || <em>No question text yet</em>}
          </Text>
          <Group gap={4} mt={4}>
            <Badge size="xs" variant="light" color="gray">
              {ANSWER_LABELS[q.answer]}
            </Badge>
            <Badge size="xs" variant="light" color={q.importance === 'critical' ? 'orange' : 'gray'}>
              {q.importance}
            </Badge>
            {q.knockOut && (
              <Badge size="xs" variant="light" color="red">
                knock-out
              </Badge>
            )}
            {q.evidence === 'required' && (
              <Badge size="xs" variant="light" color="gray">
                evidence required
              </Badge>
            )}
            {wrong && (
              <Badge size="xs" variant="filled" color="red">
                needs changes
              </Badge>
            )}
          </Group>
        </div>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant={open ? 'filled' : 'default'}
            aria-label={`${open ? 'Close' : 'Edit'} question ${name}`}
            aria-expanded={open}
            aria-controls={open ? fieldsId : undefined}
            onClick={() => dispatch({ type: 'toggle', question: q.key })}
          >
            {open ? 'Close' : 'Edit'}
          </Button>
          <MoveButtons
            what={`question ${name}`}
            first={index === 0}
            last={index === section.questions.length - 1}
            onMove={(by) => dispatch({ type: 'moveQuestion', section: section.key, question: q.key, by })}
          />
          <RemoveButton
            what={`question ${name}`}
            confirm={q.text.trim() ? `Remove question ${name} from the draft?` : undefined}
            onRemove={() => dispatch({ type: 'removeQuestion', section: section.key, question: q.key })}
          />
        </Group>
      </Group>
      {open && (
        <Stack gap="sm" mt="sm" id={fieldsId}>
          {errorAt('') && (
            <Alert color="red" variant="light" p="xs">
              {errorAt('')}
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
            <TextInput
              label="Question id"
              description="Stays the same across versions"
              value={q.id}
              onChange={(e) => change({ id: e.currentTarget.value.trim() })}
              error={errorAt('id')}
            />
            <Select
              label="Answer type"
              allowDeselect={false}
              data={ANSWER_TYPES.map((value) => ({ value, label: ANSWER_LABELS[value] }))}
              value={q.answer}
              onChange={(v) => v && change({ answer: v as QuestionDraft['answer'] })}
              error={errorAt('answer')}
            />
            <Select
              label="Importance"
              allowDeselect={false}
              data={IMPORTANCES.map((value) => ({ value, label: IMPORTANCE_LABELS[value] }))}
              value={q.importance}
              onChange={(v) => v && change({ importance: v as QuestionDraft['importance'] })}
              error={errorAt('importance')}
            />
            <Select
              label="Evidence"
              allowDeselect={false}
              data={EVIDENCE.map((value) => ({ value, label: EVIDENCE_LABELS[value] }))}
              value={q.evidence}
              onChange={(v) => v && change({ evidence: v as QuestionDraft['evidence'] })}
              error={errorAt('evidence')}
            />
          </SimpleGrid>
          <Textarea
            label="Question text"
            autosize
            minRows={2}
            value={q.text}
            onChange={(e) => change({ text: e.currentTarget.value })}
            error={errorAt('text')}
          />
          <Textarea
            label="Help for the respondent"
            autosize
            minRows={1}
            value={q.help}
            onChange={(e) => change({ help: e.currentTarget.value })}
            error={errorAt('help')}
          />
          {q.answer === 'yes_no_na' && (
            <Radio.Group label="Compliant answer" value={q.compliant[0] ?? ''} onChange={(v) => change({ compliant: [v] })} error={errorAt('compliant')}>
              <Group mt={4}>
                <Radio value="yes" label="Yes" />
                <Radio value="no" label="No" />
              </Group>
            </Radio.Group>
          )}
          {hasOptions(q.answer) && <OptionsEditor section={section.key} question={q} dispatch={dispatch} error={errorAt('options')} />}
          {q.answer !== 'yes_no_na' && errorAt('compliant') && (
            <Text size="sm" c="red.9" role="alert">
              Compliant answer: {errorAt('compliant')}
            </Text>
          )}
          <AnswerTypeFields question={q} onChange={change} errorAt={errorAt} />
          <Switch
            label="Knock-out"
            description={
              isScored(q)
                ? "A failed answer caps the supplier's rating, whatever the average."
                : 'Only a scored question can be a knock-out (text is not scored).'
            }
            checked={q.knockOut}
            disabled={!isScored(q) && !q.knockOut}
            onChange={(e) => change({ knockOut: e.currentTarget.checked })}
            error={errorAt('knock_out')}
          />
          <TextInput
            label="Finding title"
            description="Optional: the title of the finding raised when the answer falls short."
            placeholder="e.g. No contractual incident notification"
            maxLength={120}
            value={q.finding}
            onChange={(e) => change({ finding: e.currentTarget.value })}
            error={errorAt('finding')}
          />
          <ReferencePicker question={q} onChange={change} isoError={errorAt('iso')} nis2Error={errorAt('nis2')} />
          <ExternalRefs question={q} onChange={change} errorAt={errorAt} />
          {sections.length > 1 && (
            <Select
              label="Section"
              allowDeselect={false}
              maw={420}
              data={sections.map((s) => ({ value: s.key, label: `${s.id} ${s.title}`.trim() || '(untitled section)' }))}
              value={section.key}
              onChange={(to) => to && dispatch({ type: 'moveQuestionTo', section: section.key, question: q.key, to })}
            />
          )}
        </Stack>
      )}
    </Paper>
  );
}
