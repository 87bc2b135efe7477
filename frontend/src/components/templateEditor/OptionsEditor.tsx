// The options of a choice question: label, value and score (0..1, what the option is worth);
// an option scoring 1 is a compliant answer, one between 0 and 1 a partial one.
import type { Dispatch } from 'react';
import { Button, Checkbox, Fieldset, Group, NumberInput, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { QuestionDraft } from '../../lib/templateDraft';
import type { Action } from './reducer';
import { MoveButtons, RemoveButton } from './Controls';

interface Props {
  section: string;
  question: QuestionDraft;
  dispatch: Dispatch<Action>;
  error?: string;
}

export function OptionsEditor({ section, question, dispatch, error }: Props) {
  const q = question.key;
  const set = (option: string, patch: { label?: string; value?: string; score?: number }) =>
    dispatch({ type: 'setOption', section, question: q, option, patch });
  return (
    <Fieldset legend="Options and their scores" variant="filled" p="sm">
      <Stack gap="xs">
        <Text size="sm" c="dimmed">
          The score is what an answer is worth, from 0 to 1. An option scoring 1 is a compliant answer; one between 0 and 1 counts as partial.
        </Text>
        {question.options.map((o, i) => {
          const n = i + 1;
          return (
            <Paper key={o.key} withBorder p="xs" data-option={o.value}>
              <Group align="flex-end" gap="xs" wrap="wrap">
                <TextInput
                  label={`Option ${n} label`}
                  style={{ flex: '3 1 14rem' }}
                  value={o.label}
                  onChange={(e) => set(o.key, { label: e.currentTarget.value })}
                />
                <TextInput
                  label={`Option ${n} value`}
                  style={{ flex: '1 1 8rem' }}
                  value={o.value}
                  onChange={(e) => set(o.key, { value: e.currentTarget.value.trim() })}
                />
                <NumberInput
                  hideControls
                  label={`Option ${n} score`}
                  w={120}
                  min={0}
                  max={1}
                  step={0.1}
                  decimalScale={2}
                  clampBehavior="strict"
                  value={o.score}
                  onChange={(v) => set(o.key, { score: typeof v === 'number' ? v : Number(v) || 0 })}
                />
                <Checkbox
                  label="Compliant"
                  aria-label={`Option ${n} is a compliant answer`}
                  checked={o.score === 1}
                  onChange={(e) => set(o.key, { score: e.currentTarget.checked ? 1 : 0 })}
                  mb={8}
                />
                <Group gap={4} wrap="nowrap">
                  <MoveButtons
                    what={`option ${n}`}
                    first={i === 0}
                    last={i === question.options.length - 1}
                    onMove={(by) => dispatch({ type: 'moveOption', section, question: q, option: o.key, by })}
                  />
                  <RemoveButton what={`option ${n}`} onRemove={() => dispatch({ type: 'removeOption', section, question: q, option: o.key })} />
                </Group>
              </Group>
            </Paper>
          );
        })}
        {error && (
          <Text size="sm" c="red.9" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="light" onClick={() => dispatch({ type: 'addOption', section, question: q })}>
            Add an option
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
