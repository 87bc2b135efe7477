// How long the organisation keeps what it no longer needs: copies of e-mails, webhook delivery
// logs, spreadsheet imports, audit events and terminated suppliers' documents. Administrators
// change the periods; everyone else reads them.
import { useEffect, useState } from 'react';
import { Alert, NumberInput, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { AdminSave } from '../../components/AdminSave';

const RETENTION = graphql(`
  query SettingsRetention {
    organisationSettings {
      retention {
        mailCopiesDays
        deliveryLogsDays
        importBatchesDays
        auditEventsDays
        terminatedSupplierDocumentsDays
      }
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateRetention($input: RetentionInput!) {
    updateRetention(input: $input) {
      mailCopiesDays
      deliveryLogsDays
      importBatchesDays
      auditEventsDays
      terminatedSupplierDocumentsDays
    }
  }
`);

type Days = number | '';
/** The periods always kept for a number of days. */
const BOUNDED = [
  ['mailCopiesDays', 'Copies of e-mails sent', 'Recipient, subject and text of each e-mail. 7 to 3,650 days.'],
  ['deliveryLogsDays', 'Webhook delivery logs', 'And events no delivery waits for. 7 to 3,650 days.'],
  ['importBatchesDays', 'Spreadsheet imports', 'Previews and reports of committed imports. 7 to 3,650 days.'],
] as const;
/** The periods that may be "for ever" (null), with the number offered when "for ever" is switched off. */
const OPTIONAL = [
  {
    key: 'auditEventsDays',
    label: 'Audit events',
    description: '365 to 36,500 days. Audits under NIS 2 and ISO 27001 look back years.',
    forever: 'Keep audit events for ever',
    min: 365,
    max: 36500,
    suggested: 3650,
  },
  {
    key: 'terminatedSupplierDocumentsDays',
    label: "Terminated suppliers' documents",
    description: 'Evidence, counted from the day the supplier was terminated. 30 to 3,650 days.',
    forever: "Keep terminated suppliers' documents for ever",
    min: 30,
    max: 3650,
    suggested: 730,
  },
] as const;
type Bounded = (typeof BOUNDED)[number][0];
type Optional = (typeof OPTIONAL)[number]['key'];
type Form = Record<Bounded, Days> & Record<Optional, { days: Days; forever: boolean }>;

export function Retention({ canAdminister }: { canAdminister: boolean }) {
  const [{ data, error }] = useQuery({ query: RETENTION });
  const [saved, save] = useMutation(UPDATE);
  const [form, setForm] = useState<Form | null>(null);
  useEffect(() => {
    const r = data?.organisationSettings.retention;
    if (r)
      setForm({
        mailCopiesDays: r.mailCopiesDays,
        deliveryLogsDays: r.deliveryLogsDays,
        importBatchesDays: r.importBatchesDays,
        auditEventsDays: { days: r.auditEventsDays ?? '', forever: r.auditEventsDays == null },
        terminatedSupplierDocumentsDays: { days: r.terminatedSupplierDocumentsDays ?? '', forever: r.terminatedSupplierDocumentsDays == null },
      });
  }, [data]);
  if (!form) return error ? <Alert color="red">{errorMessage(error)}</Alert> : null;
  const fields = fieldErrors(saved.error);
  const days = (v: string | number): Days => (v === '' ? '' : Number(v));
  // An empty period is sent as 0, so that the API names the field and its range.
  const optional = ({ days, forever }: { days: Days; forever: boolean }) => (forever ? null : days === '' ? 0 : days);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await save({
      input: {
        mailCopiesDays: form.mailCopiesDays === '' ? 0 : form.mailCopiesDays,
        deliveryLogsDays: form.deliveryLogsDays === '' ? 0 : form.deliveryLogsDays,
        importBatchesDays: form.importBatchesDays === '' ? 0 : form.importBatchesDays,
        auditEventsDays: optional(form.auditEventsDays),
        terminatedSupplierDocumentsDays: optional(form.terminatedSupplierDocumentsDays),
      },
    });
    if (!result.error) notifications.show({ color: 'teal', title: 'Retention saved', message: 'The next daily purge applies the new periods.' });
  };
  return (
    <form onSubmit={submit} noValidate aria-labelledby="retention-title">
      <Stack>
        <Title order={3} size="h5" id="retention-title">
          Data retention (days)
        </Title>
        <Text size="sm">
          Once a day, Chainward deletes what is older than these periods and records in the audit log how many of each it deleted. Deleted data cannot be
          recovered.
        </Text>
        {saved.error && !Object.keys(fields).length && <Alert color="red">{errorMessage(saved.error)}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          {BOUNDED.map(([key, label, description]) => (
            <NumberInput
              hideControls
              key={key}
              label={label}
              description={description}
              min={7}
              max={3650}
              allowDecimal={false}
              disabled={!canAdminister}
              value={form[key]}
              onChange={(v) => setForm({ ...form, [key]: days(v) })}
              error={fields[`input.${key}`]}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          {OPTIONAL.map(({ key, label, description, forever, min, max, suggested }) => (
            <Stack key={key} gap="xs">
              <Switch
                label={forever}
                disabled={!canAdminister}
                checked={form[key].forever}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setForm({ ...form, [key]: { forever: on, days: on || form[key].days !== '' ? form[key].days : suggested } });
                }}
              />
              <NumberInput
                hideControls
                label={label}
                description={form[key].forever ? (canAdminister ? 'Kept for ever: switch off the line above to set a period.' : 'Kept for ever.') : description}
                placeholder={form[key].forever ? 'for ever' : undefined}
                min={min}
                max={max}
                allowDecimal={false}
                disabled={!canAdminister || form[key].forever}
                value={form[key].forever ? '' : form[key].days}
                onChange={(v) => setForm({ ...form, [key]: { ...form[key], days: days(v) } })}
                error={fields[`input.${key}`]}
              />
            </Stack>
          ))}
        </SimpleGrid>
        <AdminSave canAdminister={canAdminister} label="Save retention" saving={saved.fetching} readOnly="Only administrators change the retention periods." />
      </Stack>
    </form>
  );
}
