// The fields only some answer types have: a number's compliant range and unit, a date's maximum
// age, the names of the six maturity levels; and the question's references in other
// questionnaires (e.g. a CAIQ id), used to match a foreign spreadsheet's rows on import.
import { Button, Fieldset, Group, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { type QuestionDraft, newKey } from '../../lib/templateDraft';
import { RemoveButton } from './Controls';

interface Props {
  question: QuestionDraft;
  onChange: (patch: Partial<QuestionDraft>) => void;
  errorAt: (field: string) => string | undefined;
}

const numberOrNull = (v: string | number) => (typeof v === 'number' ? v : v.trim() === '' || Number.isNaN(Number(v)) ? null : Number(v));

export function AnswerTypeFields({ question: q, onChange, errorAt }: Props) {
  if (q.answer === 'number') {
    return (
      <Stack gap="xs">
        <Switch
          label="Scored against a compliant range"
          description="Without a range a number is asked for information only."
          checked={q.range !== null}
          onChange={(e) => onChange({ range: e.currentTarget.checked ? { min: null, max: null } : null })}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }}>
          {q.range && (
            <>
              <NumberInput
                hideControls
                label="Compliant from"
                value={q.range.min ?? ''}
                onChange={(v) => onChange({ range: { ...q.range!, min: numberOrNull(v) } })}
                error={errorAt('range')}
              />
              <NumberInput
                hideControls
                label="Compliant up to"
                value={q.range.max ?? ''}
                onChange={(v) => onChange({ range: { ...q.range!, max: numberOrNull(v) } })}
              />
            </>
          )}
          <TextInput label="Unit" placeholder="e.g. hours" value={q.unit} onChange={(e) => onChange({ unit: e.currentTarget.value })} error={errorAt('unit')} />
        </SimpleGrid>
      </Stack>
    );
  }
  if (q.answer === 'date') {
    return (
      <NumberInput
        hideControls
        label="Maximum age in days"
        description="A date older than this falls short (e.g. the last penetration test). Empty: asked for information only."
        min={1}
        allowDecimal={false}
        maw={320}
        value={q.maxAgeDays ?? ''}
        onChange={(v) => onChange({ maxAgeDays: numberOrNull(v) })}
        error={errorAt('max_age_days')}
      />
    );
  }
  if (q.answer === 'maturity_0_5') {
    const labels = q.maturityLabels;
    return (
      <Stack gap="xs">
        <Switch
          label="Name the six maturity levels"
          description="Optional: what each level from 0 to 5 means for this question."
          checked={labels !== null}
          onChange={(e) => onChange({ maturityLabels: e.currentTarget.checked ? ['', '', '', '', '', ''] : null })}
        />
        {labels && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {labels.map((label, level) => (
              <TextInput
                key={level}
                label={`Level ${level}`}
                value={label}
                onChange={(e) => onChange({ maturityLabels: labels.map((l, i) => (i === level ? e.currentTarget.value : l)) })}
              />
            ))}
          </SimpleGrid>
        )}
        {errorAt('maturity_labels') && (
          <Text size="sm" c="red.9" role="alert">
            {errorAt('maturity_labels')}
          </Text>
        )}
      </Stack>
    );
  }
  return null;
}

export function ExternalRefs({ question: q, onChange, errorAt }: Props) {
  const refs = q.external;
  const set = (key: string, patch: { scheme?: string; id?: string }) => onChange({ external: refs.map((r) => (r.key === key ? { ...r, ...patch } : r)) });
  return (
    <Fieldset legend="Same question elsewhere (optional)" variant="unstyled">
      <Stack gap="xs">
        <Text size="xs" c="dimmed">
          Its id in another questionnaire, e.g. CAIQ A&amp;A-02.1, so that a supplier&apos;s filled-in copy of that questionnaire can be imported.
        </Text>
        {refs.map((r, i) => (
          <Group key={r.key} align="flex-end" gap="xs" wrap="wrap">
            <TextInput
              label={`Reference ${i + 1} questionnaire`}
              placeholder="CAIQ"
              style={{ flex: '1 1 8rem' }}
              value={r.scheme}
              onChange={(e) => set(r.key, { scheme: e.currentTarget.value })}
            />
            <TextInput
              label={`Reference ${i + 1} id`}
              placeholder="A&A-02.1"
              style={{ flex: '1 1 8rem' }}
              value={r.id}
              onChange={(e) => set(r.key, { id: e.currentTarget.value })}
            />
            <RemoveButton what={`reference ${i + 1}`} onRemove={() => onChange({ external: refs.filter((x) => x.key !== r.key) })} />
          </Group>
        ))}
        {errorAt('external') && (
          <Text size="sm" c="red.9" role="alert">
            {errorAt('external')}
          </Text>
        )}
        <Group>
          <Button size="xs" variant="subtle" onClick={() => onChange({ external: [...refs, { key: newKey('e'), scheme: '', id: '' }] })}>
            Add a reference elsewhere
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
