// The NIS 2 supply-chain audit pack (IR 2024/2690 section 5) for a period, as a zip: by
// default the last twelve months. A backwards or too long period is named on its field in the
// server's words; a period with too many assessed suppliers says to choose a shorter one.
import { useState } from 'react';
import { Alert, Button, Card, Code, Group, Text, TextInput, Title } from '@mantine/core';
import { lastTwelveMonths, periodProblems } from '../../lib/reports';
import { downloadNote } from './ReportButton';
import { AUDIT_PACK } from './queries';
import { useFileDownload } from './useFileDownload';

export function AuditPackForm() {
  const [period, setPeriod] = useState(() => lastTwelveMonths(new Date()));
  const [checked, setChecked] = useState(false);
  const pack = useFileDownload(AUDIT_PACK, (data) => data.auditPack);
  const missing = checked ? periodProblems(period) : {};
  const fields = { from: missing.from ?? pack.fields.from, until: missing.until ?? pack.fields.until };
  // An error the fields do not show (a LIMIT, no connection) is shown under the form.
  const unplaced = pack.problem && !fields.from && !fields.until ? pack.problem : null;

  const change = (name: 'from' | 'until') => (event: React.ChangeEvent<HTMLInputElement>) => {
    const value = event.currentTarget.value;
    setPeriod((p) => ({ ...p, [name]: value }));
    pack.reset();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(periodProblems(period)).length) return;
    void pack.download(period);
  };

  return (
    <Card withBorder component="section" aria-labelledby="audit-pack-title">
      <Title order={2} size="h4" id="audit-pack-title">
        NIS 2 audit pack
      </Title>
      <Text size="sm" c="dimmed" mb="sm" maw={900}>
        Evidence of your supply-chain security for an auditor or supervisory authority (IR 2024/2690 section 5), as one zip: the supplier register, the tiering
        criteria and weights in force, the review schedule, the report of every supplier assessed in the period, contract clause coverage (5.1.4) and the audit
        log of the period. <Code>manifest.csv</Code> lists every file with its SHA-256, so anyone can check that nothing was changed.
      </Text>
      <form onSubmit={submit} noValidate aria-label="NIS 2 audit pack period">
        <Group align="flex-start" gap="sm">
          <TextInput label="Period from" type="date" value={period.from} onChange={change('from')} error={fields.from} errorProps={{ role: 'alert' }} w={170} />
          <TextInput
            label="Period until (inclusive)"
            type="date"
            value={period.until}
            onChange={change('until')}
            error={fields.until}
            errorProps={{ role: 'alert' }}
            w={190}
          />
          <Button type="submit" loading={pack.busy} mt={25}>
            Download audit pack (zip)
          </Button>
        </Group>
      </form>
      {unplaced && (
        <Alert color="red" role="alert" mt="sm" title="The audit pack cannot be made">
          {unplaced}
        </Alert>
      )}
      <Text size="xs" c="dimmed" mt="xs" aria-live="polite" data-pack-note>
        {downloadNote(pack)}
      </Text>
    </Card>
  );
}
