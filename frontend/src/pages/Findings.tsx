// The findings and remediation board: filters kept in the address (so dashboard tiles link
// here), each finding a link to its page, status changes (with a comment) for those who may
// make them; verifying happens on the finding's page, beside the proof.
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { DataTable } from 'mantine-datatable';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { FindingStatus, Severity } from '../gql/graphql';
import { useViewer } from '../auth/permissions';
import { FIRST_PAGE, after } from '../lib/pages';
import { Pager } from '../components/Pager';
import { errorMessage } from '../lib/errors';
import { AcceptRiskModal, MoveFindingModal, type MoveTarget } from '../components/findings/FindingMoves';
import { SEVERITY_COLOR } from '../components/findings/severity';
import { words } from '../lib/format';

const BOARD = graphql(`
  query FindingsBoard($filter: FindingFilter, $first: Int, $after: String) {
    findingsBoard(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        severity
        status
        riskReason
        riskAcceptedUntil
        dueDate
        overdue
        allowedNextStatuses
        supplier {
          id
          legalName
        }
        owner {
          email
        }
      }
    }
  }
`);

const PAGE_SIZE = 25;
const STATUSES: FindingStatus[] = ['OPEN', 'IN_PROGRESS', 'RESOLVED', 'VERIFIED', 'RISK_ACCEPTED'];
const SETTLED: FindingStatus[] = ['VERIFIED', 'RISK_ACCEPTED'];
const SEVERITIES: Severity[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW'];

export default function Findings() {
  const [params, setParams] = useSearchParams();
  const [pages, setPages] = useState(FIRST_PAGE);
  const viewer = useViewer();
  const { canWrite, canAdminister } = viewer;
  const navigate = useNavigate();
  const [accepting, setAccepting] = useState<{ id: string; title: string } | null>(null);
  const [moving, setMoving] = useState<MoveTarget | null>(null);
  // Links written before statuses were typed said ?status=open: read them the same way.
  const status = params
    .getAll('status')
    .map((s) => s.toUpperCase() as FindingStatus)
    .filter((s) => STATUSES.includes(s));
  const severity = params.getAll('severity') as Severity[];
  const overdue = params.get('overdue') === 'true';
  // Supplier and service pages link here with ?supplierId= or ?serviceId= (inherited findings).
  const supplierId = params.get('supplierId');
  const mine = params.get('mine') === 'true';
  const dueUntil = params.get('dueUntil');
  const serviceId = params.get('serviceId');
  const filter = {
    status: status.length ? status : null,
    severity: severity.length ? severity : null,
    overdue: overdue || null,
    supplierId,
    serviceId,
    ownerId: mine ? (viewer.user?.id ?? null) : null,
    dueUntil: dueUntil || null,
  };
  const [{ data, fetching, error }] = useQuery({ query: BOARD, variables: { filter, first: PAGE_SIZE, after: after(pages) } });
  const setFilter = (name: string, values: string[]) => {
    const next = new URLSearchParams(params);
    next.delete(name);
    values.forEach((v) => next.append(name, v));
    setParams(next);
    setPages(FIRST_PAGE);
  };
  const clearScope = () => {
    const next = new URLSearchParams(params);
    next.delete('supplierId');
    next.delete('serviceId');
    setParams(next);
    setPages(FIRST_PAGE);
  };
  const rows = data?.findingsBoard.nodes ?? [];

  return (
    <Stack>
      <Title order={1} size="h2">
        Findings
      </Title>
      <Group align="end">
        <MultiSelect
          label="Status"
          data={STATUSES.map((s) => ({ value: s, label: words(s) }))}
          value={status}
          onChange={(v) => setFilter('status', v)}
          w={300}
          clearable
        />
        <MultiSelect
          label="Severity"
          data={SEVERITIES.map((s) => ({ value: s, label: words(s) }))}
          value={severity}
          onChange={(v) => setFilter('severity', v)}
          w={260}
          clearable
        />
        <Checkbox label="Overdue only" checked={overdue} onChange={(e) => setFilter('overdue', e.currentTarget.checked ? ['true'] : [])} mb={8} />
        <Checkbox label="Mine" checked={mine} onChange={(e) => setFilter('mine', e.currentTarget.checked ? ['true'] : [])} mb={8} />
        <TextInput
          label="Due by"
          type="date"
          value={dueUntil ?? ''}
          onChange={(e) => setFilter('dueUntil', e.currentTarget.value ? [e.currentTarget.value] : [])}
          w={170}
        />
        {(supplierId || serviceId) && (
          <Button variant="subtle" size="xs" mb={6} onClick={clearScope}>
            {serviceId ? 'Inherited by one service' : 'One supplier'}: show all
          </Button>
        )}
      </Group>
      {error && (
        <Text c="red" role="alert">
          {errorMessage(error)}
        </Text>
      )}
      <AcceptRiskModal target={accepting} onClose={() => setAccepting(null)} />
      <MoveFindingModal target={moving} onClose={() => setMoving(null)} />
      <DataTable
        withTableBorder
        striped
        minHeight={200}
        records={rows}
        fetching={fetching}
        noRecordsText="No finding matches"
        columns={[
          {
            accessor: 'title',
            title: 'Finding',
            render: (f) => (
              <Anchor component={Link} to={`/findings/${f.id}`}>
                {f.title}
              </Anchor>
            ),
          },
          {
            accessor: 'supplier',
            title: 'Supplier',
            render: (f) =>
              f.supplier && (
                <Anchor component={Link} to={`/suppliers/${f.supplier.id}`}>
                  {f.supplier.legalName}
                </Anchor>
              ),
          },
          {
            accessor: 'severity',
            render: (f) => (
              <Badge color={SEVERITY_COLOR[f.severity]} variant="light">
                {words(f.severity)}
              </Badge>
            ),
          },
          {
            accessor: 'status',
            render: (f) =>
              f.status === 'RISK_ACCEPTED' ? (
                <Text size="sm" title={f.riskReason ?? undefined}>
                  risk accepted until {f.riskAcceptedUntil}: {f.riskReason}
                </Text>
              ) : (
                words(f.status)
              ),
          },
          {
            accessor: 'dueDate',
            title: 'Due',
            render: (f) => (
              <Group gap={6} wrap="nowrap">
                <Text size="sm">{f.dueDate}</Text>
                {f.overdue && (
                  <Badge color="red" variant="filled" size="sm">
                    overdue
                  </Badge>
                )}
              </Group>
            ),
          },
          { accessor: 'owner', render: (f) => f.owner?.email ?? '' },
          {
            accessor: 'actions',
            title: '',
            hidden: !canWrite,
            render: (f) => (
              <Group gap={4} wrap="nowrap">
                {f.allowedNextStatuses.map((to) => (
                  <Button
                    key={to}
                    size="compact-xs"
                    variant="light"
                    onClick={() => (to === 'VERIFIED' ? navigate(`/findings/${f.id}?verify=1`) : setMoving({ id: f.id, title: f.title, to }))}
                  >
                    {words(to)}
                  </Button>
                ))}
                {canAdminister && !SETTLED.includes(f.status) && (
                  <Button size="compact-xs" variant="light" color="orange" onClick={() => setAccepting({ id: f.id, title: f.title })}>
                    accept risk
                  </Button>
                )}
              </Group>
            ),
          },
        ]}
      />
      <Pager
        pages={pages}
        onChange={setPages}
        size={PAGE_SIZE}
        shown={rows.length}
        total={data?.findingsBoard.totalCount ?? 0}
        pageInfo={data?.findingsBoard.pageInfo}
      />
    </Stack>
  );
}
