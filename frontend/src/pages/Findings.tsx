// The findings and remediation board: filters kept in the address (so dashboard tiles link
// here), status changes for those who may make them.
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { notifications } from '@mantine/notifications';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import type { Severity } from '../gql/graphql';
import { usePermissions } from '../auth/permissions';
import { FIRST_PAGE, after, nextPage, previousPage, rangeLabel } from '../lib/pages';
import { errorMessage } from '../lib/errors';

const BOARD = graphql(`
  query FindingsBoard($filter: FindingFilter, $first: Int, $after: String) {
    findingsBoard(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      nodes { id title severity status dueDate allowedNextStatuses supplier { id legalName } owner { email } }
    }
  }
`);

const CHANGE = graphql(`
  mutation ChangeFindingStatus($id: UUID!, $status: String!) {
    changeFindingStatus(id: $id, status: $status) { id status allowedNextStatuses }
  }
`);

const PAGE_SIZE = 25;
const STATUSES = ['open', 'in_progress', 'resolved', 'verified', 'risk_accepted'];
const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];
const SEVERITY_COLOR: Record<string, string> = { CRITICAL: 'red', HIGH: 'orange', MEDIUM: 'yellow', LOW: 'gray' };
const words = (value: string) => value.toLowerCase().replace(/_/g, ' ');

export default function Findings() {
  const [params, setParams] = useSearchParams();
  const [pages, setPages] = useState(FIRST_PAGE);
  const { canWrite } = usePermissions();
  const status = params.getAll('status');
  const severity = params.getAll('severity') as Severity[];
  const overdue = params.get('overdue') === 'true';
  const filter = { status: status.length ? status : null, severity: severity.length ? severity : null, overdue: overdue || null };
  const [{ data, fetching, error }] = useQuery({ query: BOARD, variables: { filter, first: PAGE_SIZE, after: after(pages) } });
  const [change, changeStatus] = useMutation(CHANGE);
  const setFilter = (name: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    values.forEach((v) => next.append(name, v));
    setParams(next);
    setPages(FIRST_PAGE);
  };
  const move = async (id: string, to: string) => {
    const result = await changeStatus({ id, status: to });
    notifications.show(
      result.error
        ? { color: 'red', title: 'Not changed', message: errorMessage(result.error) }
        : { color: 'teal', title: 'Finding updated', message: `Now ${words(to)}.` },
    );
  };
  const rows = data?.findingsBoard.nodes ?? [];

  return (
    <Stack>
      <Title order={1} size="h2">Findings</Title>
      <Group align="end">
        <MultiSelect label="Status" data={STATUSES.map((s) => ({ value: s, label: words(s) }))} value={status} onChange={(v) => setFilter('status', v)} w={300} clearable />
        <MultiSelect label="Severity" data={SEVERITIES.map((s) => ({ value: s, label: words(s) }))} value={severity} onChange={(v) => setFilter('severity', v)} w={260} clearable />
        <Checkbox label="Overdue only" checked={overdue} onChange={(e) => setFilter('overdue', e.currentTarget.checked ? ['true'] : [])} mb={8} />
      </Group>
      {error && <Text c="red" role="alert">{errorMessage(error)}</Text>}
      <DataTable
        withTableBorder
        striped
        minHeight={200}
        records={rows}
        fetching={fetching}
        noRecordsText="No finding matches"
        columns={[
          { accessor: 'title', title: 'Finding' },
          { accessor: 'supplier', title: 'Supplier', render: (f) => f.supplier && <Anchor component={Link} to={`/suppliers/${f.supplier.id}`}>{f.supplier.legalName}</Anchor> },
          { accessor: 'severity', render: (f) => <Badge color={SEVERITY_COLOR[f.severity]} variant="light">{words(f.severity)}</Badge> },
          { accessor: 'status', render: (f) => words(f.status) },
          { accessor: 'dueDate', title: 'Due' },
          { accessor: 'owner', render: (f) => f.owner?.email ?? '' },
          {
            accessor: 'actions', title: '', hidden: !canWrite,
            render: (f) => (
              <Group gap={4} wrap="nowrap">
                {f.allowedNextStatuses.map((to) => (
                  <Button key={to} size="compact-xs" variant="light" loading={change.fetching} onClick={() => move(f.id, to)}>{words(to)}</Button>
                ))}
              </Group>
            ),
          },
        ]}
      />
      <Group justify="space-between">
        <Text size="sm" c="dimmed">{rangeLabel(pages, PAGE_SIZE, rows.length, data?.findingsBoard.totalCount ?? 0)}</Text>
        <Group gap="xs">
          <Button variant="default" size="xs" disabled={pages.page === 0} onClick={() => setPages(previousPage(pages))}>Previous</Button>
          <Button variant="default" size="xs" disabled={!data?.findingsBoard.pageInfo.hasNextPage} onClick={() => setPages(nextPage(pages, data?.findingsBoard.pageInfo.endCursor))}>Next</Button>
        </Group>
      </Group>
    </Stack>
  );
}
