// The respondent hands sections to a colleague at their company: the colleague gets a link of
// their own by e-mail and answers those sections only; the respondent still submits. A
// delegation can be withdrawn, and its link stops working.
import { useState } from 'react';
import { Alert, Badge, Button, Card, Group, MultiSelect, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';

const DELEGATE = graphql(`
  mutation RespondentDelegate($input: DelegateSectionsInput!) {
    respondentDelegateSections(input: $input) {
      id
    }
  }
`);

const WITHDRAW = graphql(`
  mutation RespondentWithdrawDelegation($id: UUID!) {
    respondentWithdrawDelegation(id: $id) {
      id
    }
  }
`);

interface Delegated {
  id: string;
  name: string;
  email: string;
  sections?: string[] | null;
  revokedAt?: string | null;
}

export function Delegation({ sections, delegations, changed }: { sections: { id: string; title: string }[]; delegations: Delegated[]; changed: () => void }) {
  const [form, setForm] = useState({ name: '', email: '', sectionIds: [] as string[], message: '' });
  const [sending, delegate] = useMutation(DELEGATE);
  const [withdrawing, withdraw] = useMutation(WITHDRAW);
  const [sent, setSent] = useState<string | null>(null);
  const problems = fieldErrors(sending.error);
  const title = (id: string) => sections.find((s) => s.id === id)?.title ?? id;
  const send = async () => {
    const result = await delegate({ input: { ...form, message: form.message.trim() || null } });
    if (!result.error) {
      setSent(form.email);
      setForm({ name: '', email: '', sectionIds: [], message: '' });
      changed();
    }
  };
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={2} size="h4">
          Hand sections to a colleague
        </Title>
        <Text size="sm" c="dimmed">
          They get a link of their own by e-mail and answer only those sections; you see their answers here and submit the whole questionnaire.
        </Text>
        {delegations.map((d) => (
          <Group key={d.id} justify="space-between" wrap="nowrap" data-delegation={d.email}>
            <Text size="sm" style={{ flex: 1, minWidth: 0 }}>
              {d.name} &lt;{d.email}&gt;: {(d.sections ?? []).map(title).join(', ')}
            </Text>
            {d.revokedAt ? (
              <Badge color="gray" variant="light">
                withdrawn
              </Badge>
            ) : (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                loading={withdrawing.fetching}
                onClick={async () => {
                  const result = await withdraw({ id: d.id });
                  if (!result.error) changed();
                }}
              >
                Withdraw
              </Button>
            )}
          </Group>
        ))}
        {withdrawing.error && (
          <Alert color="red" role="alert">
            {errorMessage(withdrawing.error)}
          </Alert>
        )}
        <Group grow align="start">
          <TextInput
            label="Colleague's name"
            value={form.name}
            onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
            error={problems['input.name']}
          />
          <TextInput
            label="Colleague's e-mail"
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={problems['input.email']}
          />
        </Group>
        <MultiSelect
          label="Sections they answer"
          data={sections.map((s) => ({ value: s.id, label: s.title }))}
          value={form.sectionIds}
          onChange={(sectionIds) => setForm({ ...form, sectionIds })}
          error={problems['input.sectionIds']}
        />
        <Textarea
          label="Note to your colleague"
          autosize
          minRows={1}
          value={form.message}
          onChange={(e) => setForm({ ...form, message: e.currentTarget.value })}
        />
        {sending.error && !Object.keys(problems).length && (
          <Alert color="red" role="alert">
            {errorMessage(sending.error)}
          </Alert>
        )}
        {sent && <Text size="sm">A link was sent to {sent}.</Text>}
        <Group justify="end">
          <Button onClick={send} loading={sending.fetching} disabled={!form.name.trim() || !form.email.trim() || !form.sectionIds.length}>
            Send them a link
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
