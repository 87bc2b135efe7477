// Who owns a finding's remediation, what will be done and by when; editable by those who may
// change the register, read-only for the others.
import { useState } from 'react';
import { Button, Card, Group, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';

const USERS = graphql(`
  query FindingOwners {
    users {
      id
      email
      displayName
      active
    }
  }
`);

const UPDATE = graphql(`
  mutation UpdateFindingRemediation($id: UUID!, $input: FindingPatch!) {
    updateFinding(id: $id, input: $input) {
      id
      dueDate
      overdue
      remediationPlan
      owner {
        id
        email
      }
    }
  }
`);

interface Remediation {
  id: string;
  dueDate: string;
  remediationPlan?: string | null;
  owner?: { id: string; email: string } | null;
  contact?: { name: string; email: string } | null;
}

export function RemediationForm({ finding, editable, onSaved }: { finding: Remediation; editable: boolean; onSaved: () => void }) {
  const [{ data }] = useQuery({ query: USERS, pause: !editable });
  const [owner, setOwner] = useState<string | null>(finding.owner?.id ?? null);
  const [plan, setPlan] = useState(finding.remediationPlan ?? '');
  const [due, setDue] = useState(finding.dueDate);
  const [state, update] = useMutation(UPDATE);
  const problems = fieldErrors(state.error);
  const changed = owner !== (finding.owner?.id ?? null) || plan !== (finding.remediationPlan ?? '') || due !== finding.dueDate;
  const save = async () => {
    const input = {
      ownerId: owner !== (finding.owner?.id ?? null) ? owner : null,
      remediationPlan: plan !== (finding.remediationPlan ?? '') ? plan : null,
      dueDate: due !== finding.dueDate ? due : null,
    };
    const result = await update({ id: finding.id, input });
    if (!result.error) {
      notifications.show({ color: 'teal', title: 'Remediation saved', message: 'Owner, plan and due date are up to date.' });
      onSaved();
    }
  };
  const users = (data?.users ?? [])
    .filter((u) => u.active || u.id === owner)
    .map((u) => ({ value: u.id, label: u.displayName ? `${u.displayName} <${u.email}>` : u.email }));

  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Remediation
        </Title>
        {finding.contact && (
          <Text size="sm">
            Supplier contact: {finding.contact.name} &lt;{finding.contact.email}&gt;
          </Text>
        )}
        {!editable && (
          <>
            <Text size="sm">Owner: {finding.owner?.email ?? 'nobody yet'}</Text>
            <Text size="sm">Plan: {finding.remediationPlan ?? 'none yet'}</Text>
            <Text size="sm">Due: {finding.dueDate}</Text>
          </>
        )}
        {editable && (
          <>
            <Select label="Owner" placeholder="Nobody yet" data={users} value={owner} onChange={setOwner} searchable error={problems['input.ownerId']} />
            <Textarea
              label="Remediation plan"
              description="What will be done, by whom."
              autosize
              minRows={2}
              value={plan}
              onChange={(e) => setPlan(e.currentTarget.value)}
              error={problems['input.remediationPlan']}
            />
            <TextInput label="Due date" type="date" required value={due} onChange={(e) => setDue(e.currentTarget.value)} error={problems['input.dueDate']} />
            {state.error && !Object.keys(problems).length && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(state.error)}
              </Text>
            )}
            <Group justify="end">
              <Button disabled={!changed || !due} loading={state.fetching} onClick={save}>
                Save remediation
              </Button>
            </Group>
          </>
        )}
      </Stack>
    </Card>
  );
}
