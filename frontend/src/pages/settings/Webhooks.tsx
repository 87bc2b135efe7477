// Signed webhooks for GRC tools: subscribe a URL to event types (the signing secret is shown
// once), read each subscription's delivery log, delete it.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Code, Group, MultiSelect, Stack, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage, fieldErrors } from '../../lib/errors';
import { words } from '../../lib/format';

const HOOKS = graphql(`
  query SettingsWebhooks {
    webhookSubscriptions {
      id
      url
      eventTypes
      createdAt
    }
  }
`);
const DELIVERIES = graphql(`
  query WebhookDeliveries($id: UUID!) {
    webhookDeliveries(subscriptionId: $id) {
      id
      status
      attempts
      lastStatusCode
      lastError
      deliveredAt
      nextAttemptAt
    }
  }
`);
const CREATE = graphql(`
  mutation CreateWebhook($input: NewWebhookSubscription!) {
    createWebhookSubscription(input: $input) {
      secret
      subscription {
        id
      }
    }
  }
`);
const DELETE = graphql(`
  mutation DeleteWebhook($id: UUID!) {
    deleteWebhookSubscription(id: $id)
  }
`);
const EVENTS = [
  'assessment.sent',
  'assessment.submitted',
  'assessment.completed',
  'score.changed',
  'finding.created',
  'finding.overdue',
  'finding.status_changed',
];

function Deliveries({ id }: { id: string }) {
  const [{ data }] = useQuery({ query: DELIVERIES, variables: { id } });
  if (!data?.webhookDeliveries.length)
    return (
      <Text size="sm" c="dimmed">
        No delivery yet.
      </Text>
    );
  return (
    <Table>
      <Table.Tbody>
        {data.webhookDeliveries.map((d) => (
          <Table.Tr key={d.id}>
            <Table.Td>
              <Badge color={d.status === 'DELIVERED' ? 'teal' : d.status === 'DEAD' ? 'red' : 'yellow'} variant="light">
                {words(d.status)}
              </Badge>
            </Table.Td>
            <Table.Td>{d.attempts} attempt(s)</Table.Td>
            <Table.Td>{d.lastStatusCode ?? ''}</Table.Td>
            <Table.Td>
              <Text size="xs">{d.lastError ?? d.deliveredAt?.slice(0, 19).replace('T', ' ') ?? `next ${d.nextAttemptAt.slice(11, 19)}`}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function Webhooks() {
  const [{ data, error }, refetch] = useQuery({ query: HOOKS });
  const [created, create] = useMutation(CREATE);
  const [, remove] = useMutation(DELETE);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<string[]>(['assessment.completed', 'finding.created']);
  const [secret, setSecret] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const fields = fieldErrors(created.error);
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { url, eventTypes: events } });
    if (result.data) {
      setSecret(result.data.createWebhookSubscription.secret);
      setUrl('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Stack>
      {error && <Alert color="red">{errorMessage(error)}</Alert>}
      {secret && (
        <Alert color="teal" title="Signing secret (shown once)">
          <Code>{secret}</Code>
        </Alert>
      )}
      {data?.webhookSubscriptions.map((h) => (
        <div key={h.id}>
          <Group justify="space-between">
            <div>
              <Text size="sm" fw={600}>
                {h.url}
              </Text>
              <Text size="xs" c="dimmed">
                {h.eventTypes.join(', ')}
              </Text>
            </div>
            <Group gap="xs">
              <Anchor size="sm" component="button" type="button" onClick={() => setOpen(open === h.id ? null : h.id)}>
                {open === h.id ? 'Hide deliveries' : 'Deliveries'}
              </Anchor>
              <Button
                size="compact-xs"
                color="red"
                variant="light"
                onClick={async () => {
                  await remove({ id: h.id });
                  refetch({ requestPolicy: 'network-only' });
                }}
              >
                Delete
              </Button>
            </Group>
          </Group>
          {open === h.id && <Deliveries id={h.id} />}
        </div>
      ))}
      <form onSubmit={add} noValidate>
        <Group align="end" wrap="wrap">
          <TextInput
            label="Receiver URL"
            placeholder="https://grc.example.com/hooks/chainward"
            w={340}
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
            error={fields['input.url']}
          />
          <MultiSelect label="Events" data={EVENTS} value={events} onChange={setEvents} w={360} error={fields['input.eventTypes']} />
          <Button type="submit" loading={created.fetching}>
            Subscribe
          </Button>
        </Group>
        {created.error && !Object.keys(fields).length && (
          <Alert color="red" mt="xs">
            {errorMessage(created.error)}
          </Alert>
        )}
      </form>
    </Stack>
  );
}
