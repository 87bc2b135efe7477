// The supplier register: search, filters, sorting, page by page, chosen columns, export.
import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, MultiSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { DataTable, type DataTableSortStatus } from 'mantine-datatable';
import { Link } from 'react-router-dom';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { DataSensitivity, Rating, SupplierOrderField, SupplierStatus, SuppliersQuery } from '../gql/graphql';
import { ratingColor } from '../lib/score';
import { useSearchParams } from 'react-router-dom';
import { FIRST_PAGE, after } from '../lib/pages';
import { Pager } from '../components/Pager';
import { usePermissions } from '../auth/permissions';
import { ColumnChooser, useHiddenColumns } from '../components/ColumnChooser';
import { NewSupplierModal } from '../components/NewSupplierModal';
import { RegisterImportWizard } from '../components/registerImport/RegisterImportWizard';
import { downloadWithSession } from '../lib/download';
import { errorMessage } from '../lib/errors';
import { words } from '../lib/format';

const SUPPLIERS = graphql(`
  query Suppliers($filter: SupplierFilter, $order: SupplierOrder, $first: Int, $after: String) {
    suppliers(filter: $filter, orderBy: $order, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        legalName
        country
        category
        status
        rating
        tierProfile {
          dataSensitivity
          accessLevel
          nis2Relevant
        }
        owner {
          email
        }
        contractEnd
      }
    }
  }
`);

const PAGE_SIZE = 20;
const STATUSES: SupplierStatus[] = ['PROSPECT', 'ONBOARDING', 'ACTIVE', 'OFFBOARDING', 'TERMINATED'];
const RATINGS: (Rating | 'UNRATED')[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNRATED'];
const SORTABLE: Record<string, SupplierOrderField> = {
  legalName: 'LEGAL_NAME',
  country: 'COUNTRY',
  status: 'STATUS',
  category: 'CATEGORY',
  // The rating follows the residual risk; unscored suppliers come last either way.
  rating: 'RESIDUAL_RISK',
};
type Row = SuppliersQuery['suppliers']['nodes'][number];

export default function Suppliers() {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const [params] = useSearchParams();
  const [status, setStatus] = useState<string[]>([]);
  // The dashboard's rating tiles link here with ?rating=HIGH (or UNRATED).
  const [ratings, setRatings] = useState<string[]>(params.getAll('rating'));
  // ... and the heat map's cells with ?inherent=4&residual=3.
  const [heat, setHeat] = useState(() => {
    const [inherent, residual] = [Number(params.get('inherent')), Number(params.get('residual'))];
    return inherent && residual ? { inherent, residual } : null;
  });
  const [category, setCategory] = useState('');
  const [countries, setCountries] = useState('');
  const [data_, setData] = useState<string[]>([]);
  const [nis2, setNis2] = useState(false);
  const [sort, setSort] = useState<DataTableSortStatus<Row>>({ columnAccessor: 'legalName', direction: 'asc' });
  const [pages, setPages] = useState(FIRST_PAGE);
  const [exporting, setExporting] = useState(false);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const { canWrite } = usePermissions();
  const filter = {
    search: debounced || null,
    status: status.length ? (status as SupplierStatus[]) : null,
    category: category.trim() || null,
    country: countries.split(/[ ,]+/).filter(Boolean).length ? countries.split(/[ ,]+/).filter(Boolean) : null,
    dataSensitivity: data_.length ? (data_ as DataSensitivity[]) : null,
    nis2Relevant: nis2 ? true : null,
    rating: ratings.filter((r) => r !== 'UNRATED').length ? (ratings.filter((r) => r !== 'UNRATED') as Rating[]) : null,
    unrated: ratings.includes('UNRATED') ? true : null,
    heat,
  };
  const order = { field: SORTABLE[sort.columnAccessor as string] ?? 'LEGAL_NAME', direction: sort.direction === 'asc' ? 'ASC' : 'DESC' } as const;
  const [{ data, fetching, error }, refetch] = useQuery({
    query: SUPPLIERS,
    variables: { filter, order, first: PAGE_SIZE, after: after(pages) },
  });
  const restart =
    <T,>(set: (v: T) => void) =>
    (value: T) => {
      set(value);
      setPages(FIRST_PAGE);
    };
  const rows = data?.suppliers.nodes ?? [];
  const [hidden, setHidden] = useHiddenColumns('suppliers', ['contractEnd', 'owner']);
  const columns = [
    {
      accessor: 'legalName',
      title: 'Legal name',
      sortable: true,
      render: (s: Row) => (
        <Anchor component={Link} to={`/suppliers/${s.id}`}>
          {s.legalName}
        </Anchor>
      ),
    },
    { accessor: 'country', sortable: true },
    { accessor: 'category', sortable: true },
    { accessor: 'status', sortable: true, render: (s: Row) => <Badge variant="light">{words(s.status)}</Badge> },
    {
      accessor: 'rating',
      title: 'Rating',
      sortable: true,
      render: (s: Row) =>
        s.rating ? (
          <Badge color={ratingColor(s.rating)}>{words(s.rating)}</Badge>
        ) : (
          <Text size="sm" c="dimmed">
            not rated
          </Text>
        ),
    },
    { accessor: 'data', title: 'Data', render: (s: Row) => words(s.tierProfile.dataSensitivity) },
    { accessor: 'access', title: 'Access', render: (s: Row) => words(s.tierProfile.accessLevel) },
    { accessor: 'nis2', title: 'NIS 2', render: (s: Row) => (s.tierProfile.nis2Relevant ? 'relevant' : '') },
    { accessor: 'contractEnd', title: 'Contract end' },
    { accessor: 'owner', title: 'Owner', render: (s: Row) => s.owner?.email ?? '' },
  ].map((c) => ({ ...c, hidden: hidden.includes(c.accessor) }));
  // Every column but the name may be hidden.
  const optional = columns.slice(1).map((c) => ({ accessor: c.accessor, title: c.title ?? words(c.accessor) }));

  const exportAs = async (format: 'XLSX' | 'CSV') => {
    setExporting(true);
    // Both stream from the server a page of suppliers at a time, whatever the register's size.
    const extension = format === 'CSV' ? 'csv' : 'xlsx';
    await downloadWithSession(`/api/exports/register.${extension}`, `supplier-register.${extension}`);
    setExporting(false);
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1} size="h2">
          Suppliers
        </Title>
        <Group gap="xs">
          {canWrite && (
            <Button size="xs" onClick={() => setCreating(true)}>
              New supplier
            </Button>
          )}
          {canWrite && (
            <Button variant="default" size="xs" onClick={() => setImporting(true)}>
              Import register
            </Button>
          )}
          <Button variant="default" size="xs" loading={exporting} onClick={() => exportAs('XLSX')}>
            Export xlsx
          </Button>
          <ColumnChooser columns={optional} hidden={hidden} onChange={setHidden} />
          <Button variant="default" size="xs" loading={exporting} onClick={() => exportAs('CSV')}>
            Export csv
          </Button>
        </Group>
      </Group>
      <Group align="end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name, LEI, VAT, DUNS or registry no."
          value={search}
          onChange={(e) => restart(setSearch)(e.currentTarget.value)}
          w={260}
        />
        <MultiSelect
          label="Status"
          data={STATUSES.map((s) => ({ value: s, label: words(s) }))}
          value={status}
          onChange={restart(setStatus)}
          clearable
          w={280}
        />
        <MultiSelect
          label="Rating"
          data={RATINGS.map((r) => ({ value: r, label: r === 'UNRATED' ? 'not rated' : words(r) }))}
          value={ratings}
          onChange={restart(setRatings)}
          clearable
          w={240}
        />
        <TextInput label="Category" placeholder="e.g. Cloud hosting" value={category} onChange={(e) => restart(setCategory)(e.currentTarget.value)} w={200} />
        <TextInput label="Countries" placeholder="e.g. DE FR" value={countries} onChange={(e) => restart(setCountries)(e.currentTarget.value)} w={130} />
        <MultiSelect
          label="Data handled"
          data={['SPECIAL_CATEGORY', 'PERSONAL', 'CONFIDENTIAL', 'INTERNAL', 'NONE'].map((d) => ({ value: d, label: words(d) }))}
          value={data_}
          onChange={restart(setData)}
          clearable
          w={220}
        />
        <Checkbox label="NIS 2 relevant" checked={nis2} onChange={(e) => restart(setNis2)(e.currentTarget.checked)} mb={8} />
      </Group>
      {heat && (
        <Group gap="xs">
          <Badge variant="light" size="lg">
            Heat map: inherent {heat.inherent}, residual {heat.residual}
          </Badge>
          <Button
            variant="subtle"
            size="xs"
            onClick={() => {
              setHeat(null);
              setPages(FIRST_PAGE);
            }}
          >
            Show all
          </Button>
        </Group>
      )}
      {error && (
        <Text c="red" role="alert">
          {errorMessage(error)}
        </Text>
      )}
      <NewSupplierModal opened={creating} onClose={() => setCreating(false)} />
      {canWrite && (
        <RegisterImportWizard opened={importing} onClose={() => setImporting(false)} onImported={() => refetch({ requestPolicy: 'network-only' })} />
      )}
      <DataTable
        withTableBorder
        striped
        highlightOnHover
        minHeight={200}
        records={rows}
        idAccessor="id"
        fetching={fetching}
        columns={columns}
        sortStatus={sort}
        onSortStatusChange={restart(setSort)}
        noRecordsText="No supplier matches"
      />
      <Pager
        pages={pages}
        onChange={setPages}
        size={PAGE_SIZE}
        shown={rows.length}
        total={data?.suppliers.totalCount ?? 0}
        pageInfo={data?.suppliers.pageInfo}
      />
    </Stack>
  );
}
