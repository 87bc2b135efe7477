// The audit log: every recorded change of the organisation, newest first, 50 a page, filtered
// by action, object type, user and days, all kept in the address so that a filtered log can be
// bookmarked or sent. Each row says when, who, what changed, and links to the object's page.
// Above it, the NIS 2 audit pack of a period for auditors.
import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { AUDIT_LOG } from '../components/audit/auditQuery';
import { ExportAuditCsv } from '../components/audit/ExportAuditCsv';
import { ACTOR_KINDS, LOGGED_ACTIONS, OBJECT_TYPES, actorName, auditFilter, changeLines, eventLabel, objectLink } from '../lib/audit';
import { errorMessage } from '../lib/errors';
import { FIRST_PAGE, after, type PageCursors } from '../lib/pages';
import { Pager } from '../components/Pager';
import { AuditPackForm } from '../components/reports/AuditPackForm';

const USERS = graphql(`
  query AuditUsers {
    users {
      id
      email
      displayName
    }
  }
`);

const PAGE_SIZE = 50;
/** Change lines shown at once; the rest fold away. */
const LINES = 4;
const FILTERS = ['action', 'objectType', 'actor', 'since', 'until'] as const;

const ACTION_OPTIONS = LOGGED_ACTIONS.map(({ group, actions }) => ({
  group,
  items: Object.entries(actions).map(([value, label]) => ({ value, label })),
}));
const OBJECT_OPTIONS = Object.entries(OBJECT_TYPES)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label));

function Changes({ lines }: { lines: string[] }) {
  const line = (text: string, i: number) => (
    <Text size="xs" c="dimmed" key={i}>
      {text}
    </Text>
  );
  return (
    <>
      {lines.slice(0, LINES).map(line)}
      {lines.length > LINES && (
        <details>
          <summary>
            <Text span size="xs">
              {lines.length - LINES} more change(s)
            </Text>
          </summary>
          {lines.slice(LINES).map(line)}
        </details>
      )}
    </>
  );
}

export default function AuditLog() {
  const [params, setParams] = useSearchParams();
  const address = Object.fromEntries(FILTERS.map((name) => [name, params.get(name)]));
  const filter = auditFilter(address);
  // Back to the first page whenever the filter in the address changes (also by Back/Forward).
  const key = FILTERS.map((name) => params.get(name) ?? '').join('|');
  const [paging, setPaging] = useState<{ key: string; pages: PageCursors }>({ key, pages: FIRST_PAGE });
  const pages = paging.key === key ? paging.pages : FIRST_PAGE;
  const setPages = (next: PageCursors) => setPaging({ key, pages: next });
  const [{ data, fetching, error }] = useQuery({ query: AUDIT_LOG, variables: { filter, first: PAGE_SIZE, after: after(pages) } });
  const [{ data: people }] = useQuery({ query: USERS });
  const set = (name: (typeof FILTERS)[number], value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(name, value);
    else next.delete(name);
    setParams(next);
  };
  const events = data?.auditEvents.nodes ?? [];
  const total = data?.auditEvents.totalCount ?? 0;
  const filtered = FILTERS.some((name) => params.get(name));
  const backwards = filter.since && filter.until && filter.until <= filter.since;
  const users = (people?.users ?? []).map((u) => ({ value: u.id, label: u.displayName ? `${u.displayName} <${u.email}>` : u.email }));
  // A bookmarked user who is no longer listed still reads as a choice, not as an empty field.
  if (filter.actorId && people && !users.some((u) => u.value === filter.actorId)) users.push({ value: filter.actorId, label: 'a user no longer listed' });

  return (
    <Stack>
      <Group justify="space-between" align="end">
        <div>
          <Title order={1} size="h2">
            Audit log
          </Title>
          <Text c="dimmed" size="sm">
            Every change recorded in your organisation, newest first. Times are in your time zone.
          </Text>
        </div>
        {filtered && (
          <Button variant="subtle" size="xs" onClick={() => setParams(new URLSearchParams())}>
            Clear filters
          </Button>
        )}
      </Group>
      <AuditPackForm />
      <Group align="start" gap="sm">
        <Select
          label="Action"
          placeholder="Any action"
          data={ACTION_OPTIONS}
          value={filter.action}
          onChange={(v) => set('action', v)}
          searchable
          clearable
          w={250}
        />
        <Select
          label="Object type"
          placeholder="Any object"
          data={OBJECT_OPTIONS}
          value={filter.objectType}
          onChange={(v) => set('objectType', v)}
          searchable
          clearable
          w={170}
        />
        <Select
          label="Who"
          placeholder="Anyone"
          description="Users only: the log cannot be filtered by an API token, a respondent or Chainward's own jobs."
          inputWrapperOrder={['label', 'input', 'description']}
          data={users}
          value={filter.actorId}
          onChange={(v) => set('actor', v)}
          searchable
          clearable
          w={240}
        />
        <TextInput label="From" type="date" value={params.get('since') ?? ''} onChange={(e) => set('since', e.currentTarget.value)} w={150} />
        <TextInput
          label="To (inclusive)"
          type="date"
          value={params.get('until') ?? ''}
          onChange={(e) => set('until', e.currentTarget.value)}
          error={backwards ? 'ends before it starts' : undefined}
          w={150}
        />
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={760}>
        <Table striped aria-label="Audit log" aria-busy={fetching} verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Who</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Object</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {events.map((e) => {
              const link = objectLink(e);
              return (
                <Table.Tr key={e.id} data-action={e.action} data-object={e.objectType} data-actor={e.actorLabel}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{new Date(e.createdAt).toLocaleString()}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{actorName(e.actorLabel)}</Text>
                    <Badge size="xs" variant="light" color="gray">
                      {ACTOR_KINDS[e.actorKind] ?? e.actorKind}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {eventLabel(e.action)}
                    </Text>
                    <Changes lines={changeLines(e.changes, e.action)} />
                  </Table.Td>
                  <Table.Td>
                    {link ? (
                      <Anchor component={Link} to={link.to} size="sm">
                        {link.label}
                      </Anchor>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {OBJECT_TYPES[e.objectType] ?? e.objectType}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
            {!fetching && !error && events.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={4}>
                  <Text c="dimmed" size="sm" ta="center" py="md">
                    No event matches{filtered ? ' this filter' : ''}.
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Pager pages={pages} onChange={setPages} size={PAGE_SIZE} shown={events.length} total={total} pageInfo={data?.auditEvents.pageInfo} />
      <Group justify="end">
        <ExportAuditCsv filter={filter} total={total} />
      </Group>
    </Stack>
  );
}
