// How the organisation runs assessments and remediation: reminders, re-assessment intervals
// by rating, the days to remediate a finding by severity, and who e-mails to suppliers come
// from and reach on reply.
import { useEffect, useState } from 'react';
import { Alert, NumberInput, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { AdminSave } from '../../components/AdminSave';

const SETTINGS = graphql(`
  query SettingsOrganisation {
    organisationSettings {
      reminderDaysBefore
      reassessmentResponseDays
      reassessmentAutoSend
      reassessmentMonths {
        critical
        high
        medium
        low
      }
      findingSlaDays {
        critical
        high
        medium
        low
      }
      inherentRiskWeights {
        dataSensitivity
        accessLevel
        serviceCriticality
        substitutability
        nis2Relevance
      }
      ratingBands {
        low
        medium
        high
      }
      mailSenderName
      mailReplyTo
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateOrganisationSettings($input: OrganisationSettingsInput!) {
    updateOrganisationSettings(input: $input) {
      reminderDaysBefore
    }
  }
`);

type Levels = { critical: number | null; high: number | null; medium: number | null; low: number | null };
type Weights = { dataSensitivity: number; accessLevel: number; serviceCriticality: number; substitutability: number; nis2Relevance: number };
type Bands = { low: number; medium: number; high: number };
const WEIGHTS: [keyof Weights, string][] = [
  ['dataSensitivity', 'Data handled'],
  ['accessLevel', 'Access to our systems'],
  ['serviceCriticality', 'Criticality of dependent services'],
  ['substitutability', 'How hard to replace'],
  ['nis2Relevance', 'NIS 2 relevance'],
];
const LEVELS = ['critical', 'high', 'medium', 'low'] as const;

export function Organisation({ canAdminister }: { canAdminister: boolean }) {
  const [{ data, error }] = useQuery({ query: SETTINGS });
  const [saved, save] = useMutation(UPDATE);
  const [form, setForm] = useState<null | {
    reminderDaysBefore: number;
    reassessmentResponseDays: number;
    reassessmentAutoSend: boolean;
    reassessmentMonths: Levels;
    findingSlaDays: Levels;
    inherentRiskWeights: Weights;
    ratingBands: Bands;
    mailSenderName: string;
    mailReplyTo: string;
  }>(null);
  useEffect(() => {
    const s = data?.organisationSettings;
    if (s)
      setForm({
        reminderDaysBefore: s.reminderDaysBefore,
        reassessmentResponseDays: s.reassessmentResponseDays,
        reassessmentAutoSend: s.reassessmentAutoSend,
        reassessmentMonths: {
          critical: s.reassessmentMonths.critical ?? null,
          high: s.reassessmentMonths.high ?? null,
          medium: s.reassessmentMonths.medium ?? null,
          low: s.reassessmentMonths.low ?? null,
        },
        findingSlaDays: { ...s.findingSlaDays },
        inherentRiskWeights: {
          dataSensitivity: s.inherentRiskWeights.dataSensitivity,
          accessLevel: s.inherentRiskWeights.accessLevel,
          serviceCriticality: s.inherentRiskWeights.serviceCriticality,
          substitutability: s.inherentRiskWeights.substitutability,
          nis2Relevance: s.inherentRiskWeights.nis2Relevance,
        },
        ratingBands: { low: s.ratingBands.low, medium: s.ratingBands.medium, high: s.ratingBands.high },
        mailSenderName: s.mailSenderName ?? '',
        mailReplyTo: s.mailReplyTo ?? '',
      });
  }, [data]);
  if (!form) return error ? <Alert color="red">{errorMessage(error)}</Alert> : null;
  const fields = fieldErrors(saved.error);
  const number = (v: string | number) => (v === '' ? null : Number(v));
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const sla = form.findingSlaDays;
    const result = await save({
      input: {
        ...form,
        findingSlaDays: { critical: sla.critical ?? 0, high: sla.high ?? 0, medium: sla.medium ?? 0, low: sla.low ?? 0 },
        mailSenderName: form.mailSenderName.trim() || null,
        mailReplyTo: form.mailReplyTo.trim() || null,
      },
    });
    if (!result.error) notifications.show({ color: 'teal', title: 'Settings saved', message: 'They apply from now on.' });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {saved.error && !Object.keys(fields).length && <Alert color="red">{errorMessage(saved.error)}</Alert>}
        <Title order={3} size="h5">
          Remediation deadlines (days, by severity)
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {LEVELS.map((l) => (
            <NumberInput
              hideControls
              key={l}
              label={l}
              min={1}
              max={730}
              disabled={!canAdminister}
              value={form.findingSlaDays[l] ?? ''}
              onChange={(v) => setForm({ ...form, findingSlaDays: { ...form.findingSlaDays, [l]: number(v) } })}
              error={fields[`input.findingSlaDays.${l}`]}
            />
          ))}
        </SimpleGrid>
        <Title order={3} size="h5">
          Inherent risk: weight of each factor (0 to 1; changing them re-scores every supplier)
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          {WEIGHTS.map(([key, label]) => (
            <NumberInput
              hideControls
              key={key}
              label={label}
              min={0}
              max={1}
              step={0.05}
              decimalScale={2}
              disabled={!canAdminister}
              value={form.inherentRiskWeights[key]}
              onChange={(v) => setForm({ ...form, inherentRiskWeights: { ...form.inherentRiskWeights, [key]: Number(v) } })}
              error={fields[`input.inherentRiskWeights.${key}`]}
            />
          ))}
        </SimpleGrid>
        {fields['input.inherentRiskWeights'] && (
          <Text size="sm" c="red">
            {fields['input.inherentRiskWeights']}
          </Text>
        )}
        <Title order={3} size="h5">
          Rating bands: residual risk (0-5) below which a supplier is rated
        </Title>
        <SimpleGrid cols={{ base: 3 }}>
          {(['low', 'medium', 'high'] as const).map((band) => (
            <NumberInput
              hideControls
              key={band}
              label={band}
              min={0}
              max={5}
              step={0.1}
              decimalScale={2}
              disabled={!canAdminister}
              value={form.ratingBands[band]}
              onChange={(v) => setForm({ ...form, ratingBands: { ...form.ratingBands, [band]: Number(v) } })}
            />
          ))}
        </SimpleGrid>
        {fields['input.ratingBands'] && (
          <Text size="sm" c="red">
            {fields['input.ratingBands']}
          </Text>
        )}
        <Title order={3} size="h5">
          Re-assessment (months, by rating; empty: never)
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          {LEVELS.map((l) => (
            <NumberInput
              hideControls
              key={l}
              label={l}
              min={1}
              max={60}
              disabled={!canAdminister}
              value={form.reassessmentMonths[l] ?? ''}
              onChange={(v) => setForm({ ...form, reassessmentMonths: { ...form.reassessmentMonths, [l]: number(v) } })}
              error={fields[`input.reassessmentMonths.${l}`]}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <NumberInput
            hideControls
            label="Days to answer a re-assessment"
            min={7}
            max={180}
            disabled={!canAdminister}
            value={form.reassessmentResponseDays}
            onChange={(v) => setForm({ ...form, reassessmentResponseDays: Number(v) })}
            error={fields['input.reassessmentResponseDays']}
          />
          <NumberInput
            hideControls
            label="First reminder, days before the due date"
            min={0}
            max={60}
            disabled={!canAdminister}
            value={form.reminderDaysBefore}
            onChange={(v) => setForm({ ...form, reminderDaysBefore: Number(v) })}
            error={fields['input.reminderDaysBefore']}
          />
        </SimpleGrid>
        <Title order={3} size="h5">
          E-mails to suppliers
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Sender name"
            description="Shown as the sender; empty: your organisation's name via Chainward."
            disabled={!canAdminister}
            value={form.mailSenderName}
            onChange={(e) => setForm({ ...form, mailSenderName: e.currentTarget.value })}
            error={fields['input.mailSenderName']}
          />
          <TextInput
            label="Replies go to"
            description="e.g. a shared procurement mailbox; empty: the analyst who sent the questionnaire."
            type="email"
            disabled={!canAdminister}
            value={form.mailReplyTo}
            onChange={(e) => setForm({ ...form, mailReplyTo: e.currentTarget.value })}
            error={fields['input.mailReplyTo']}
          />
        </SimpleGrid>
        <Switch
          label="Send re-assessments automatically to the contacts invited last time"
          disabled={!canAdminister}
          checked={form.reassessmentAutoSend}
          onChange={(e) => setForm({ ...form, reassessmentAutoSend: e.currentTarget.checked })}
        />
        <AdminSave canAdminister={canAdminister} label="Save settings" saving={saved.fetching} readOnly="Only administrators change these." />
      </Stack>
    </form>
  );
}
