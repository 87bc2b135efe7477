// A supplier's findings on its page: each a link to the finding's page, overdue marked, and a
// finding raised by hand (from an audit, a test, an incident) for those who may.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Modal, MultiSelect, Select, Stack, Table, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { Link, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { Severity } from '../../gql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { words } from '../../lib/format';
import { SEVERITY_COLOR } from './severity';

const RAISE = graphql(`
  mutation RaiseFinding($input: NewFinding!) {
    raiseFinding(input: $input) {
      id
    }
  }
`);

const ISO_CONTROLS = graphql(`
  query IsoControlsForFindings {
    controls(framework: "iso27001-2022") {
      id
      kind
      title
    }
  }
`);

interface Row {
  id: string;
  title: string;
  severity: string;
  status: string;
  riskReason?: string | null;
  riskAcceptedUntil?: string | null;
  dueDate: string;
  overdue: boolean;
}

const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export function SupplierFindings({
  supplier,
  findings,
  canWrite,
}: {
  supplier: { id: string; contacts: readonly { id: string; name: string; email: string }[] };
  findings: readonly Row[];
  canWrite: boolean;
}) {
  const [raising, setRaising] = useState(false);
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Anchor component={Link} to={`/findings?supplierId=${supplier.id}`} size="sm">
          Open on the findings board
        </Anchor>
        {canWrite && (
          <Button size="xs" variant="light" onClick={() => setRaising(true)}>
            Raise a finding
          </Button>
        )}
      </Group>
      {raising && <RaiseFindingModal supplier={supplier} onClose={() => setRaising(false)} />}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Finding</Table.Th>
            <Table.Th>Severity</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Due</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {findings.map((f) => (
            <Table.Tr key={f.id}>
              <Table.Td>
                <Anchor component={Link} to={`/findings/${f.id}`} size="sm">
                  {f.title}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Badge color={SEVERITY_COLOR[f.severity]} variant="light">
                  {words(f.severity)}
                </Badge>
              </Table.Td>
              <Table.Td>{f.status === 'RISK_ACCEPTED' ? `risk accepted until ${f.riskAcceptedUntil}: ${f.riskReason}` : words(f.status)}</Table.Td>
              <Table.Td>
                {f.dueDate}{' '}
                {f.overdue && (
                  <Badge color="red" variant="filled" size="sm">
                    overdue
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}

/** A finding raised by hand; it opens on its own page once created. */
function RaiseFindingModal({
  supplier,
  onClose,
}: {
  supplier: { id: string; contacts: readonly { id: string; name: string; email: string }[] };
  onClose: () => void;
}) {
  const navigate = useNavigate();
  const [{ data: catalogue }] = useQuery({ query: ISO_CONTROLS });
  const [state, raise] = useMutation(RAISE);
  const problems = fieldErrors(state.error);
  const [title, setTitle] = useState('');
  const [severity, setSeverity] = useState<Severity>('MEDIUM');
  const [iso, setIso] = useState<string[]>([]);
  const [due, setDue] = useState('');
  const [plan, setPlan] = useState('');
  const [contact, setContact] = useState<string | null>(null);
  const submit = async () => {
    const input = { supplierId: supplier.id, title, severity, isoControls: iso, dueDate: due || null, remediationPlan: plan || null, contactId: contact };
    const result = await raise({ input });
    if (result.data) {
      notifications.show({ color: 'teal', title: 'Finding raised', message: title });
      navigate(`/findings/${result.data.raiseFinding.id}`);
    }
  };
  return (
    <Modal opened onClose={onClose} title="Raise a finding">
      <Stack>
        {state.error && !Object.keys(problems).length && <Alert color="red">{errorMessage(state.error)}</Alert>}
        <TextInput
          label="Finding"
          description="The shortfall, e.g. “No log retention policy (2027 audit)”."
          required
          value={title}
          onChange={(e) => setTitle(e.currentTarget.value)}
          error={problems['input.title']}
        />
        <Select
          label="Severity"
          required
          data={SEVERITIES.map((s) => ({ value: s, label: words(s) }))}
          value={severity}
          onChange={(v) => v && setSeverity(v as Severity)}
          allowDeselect={false}
        />
        <MultiSelect
          label="ISO/IEC 27001 controls"
          searchable
          data={(catalogue?.controls ?? []).filter((c) => c.kind === 'ANNEX_A_CONTROL').map((c) => ({ value: c.id, label: `${c.id} ${c.title}` }))}
          value={iso}
          onChange={setIso}
          error={problems['input.isoControls']}
        />
        <TextInput
          label="Due date"
          description="Empty: the deadline your settings give this severity."
          type="date"
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
          error={problems['input.dueDate']}
        />
        <Textarea
          label="Remediation plan"
          autosize
          minRows={2}
          value={plan}
          onChange={(e) => setPlan(e.currentTarget.value)}
          error={problems['input.remediationPlan']}
        />
        <Select
          label="Supplier contact"
          placeholder="Nobody in particular"
          clearable
          data={supplier.contacts.map((c) => ({ value: c.id, label: `${c.name} <${c.email}>` }))}
          value={contact}
          onChange={setContact}
          error={problems['input.contactId']}
        />
        <Text size="xs" c="dimmed">
          A finding raised by hand is followed here by your team; the supplier does not see it through a questionnaire link.
        </Text>
        <Group justify="end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button loading={state.fetching} disabled={!title.trim()} onClick={submit}>
            Raise the finding
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
