// The rows of a previewed register import, one kind at a time (changed, new, with problems,
// unchanged or all) and a page at a time: what each row does, how it was matched, each field
// it changes (from -> to, with its cell) and each problem at its cell.
import { useState } from 'react';
import { Alert, Badge, List, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import type { RegisterImportRowsQuery } from '../../gql/graphql';
import { errorMessage } from '../../lib/errors';
import { type ImportCounts, type RowFilter, changeOf, changeWords, fieldChangeWords, filterChoices, firstFilter, offsetPage } from '../../lib/registerImport';
import { Pager } from '../Pager';

const ROWS = graphql(`
  query RegisterImportRows($id: UUID!, $change: RowChange, $offset: Int, $limit: Int) {
    registerImport(id: $id) {
      id
      rows(change: $change, offset: $offset, limit: $limit) {
        total
        items {
          sheet
          row
          change
          supplierId
          legalName
          matchedBy
          fields {
            field
            cell
            from
            to
          }
          problems {
            cell
            message
          }
        }
      }
    }
  }
`);

const PAGE_SIZE = 50;
type Row = RegisterImportRowsQuery['registerImport']['rows']['items'][number];

function Details({ row }: { row: Row }) {
  if (row.change === 'INVALID')
    return (
      <List size="sm" data-problems>
        {row.problems.map((p) => (
          <List.Item key={p.cell + p.message} c="red.9">
            {p.cell}: {p.message}
          </List.Item>
        ))}
      </List>
    );
  if (row.change === 'NEW')
    return (
      <Text size="sm" c="dimmed">
        {row.fields.map((f) => fieldChangeWords(f, true)).join('; ')}
      </Text>
    );
  return (
    <List size="sm">
      {row.fields.map((f) => (
        <List.Item key={f.field + f.cell}>
          {fieldChangeWords(f, false)}{' '}
          <Text span size="xs" c="dimmed">
            ({f.cell})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

export function ImportRows({ batchId, counts }: { batchId: string; counts: ImportCounts }) {
  const [filter, setFilter] = useState<RowFilter>(() => firstFilter(counts));
  const [page, setPage] = useState(0);
  const phone = useMediaQuery('(max-width: 48em)');
  const [{ data, fetching, error }] = useQuery({
    query: ROWS,
    variables: { id: batchId, change: changeOf(filter), offset: page * PAGE_SIZE, limit: PAGE_SIZE },
  });
  const rows = data?.registerImport.rows;
  const paging = offsetPage(page, PAGE_SIZE, rows?.total ?? 0);

  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Rows
      </Title>
      <SegmentedControl
        aria-label="Rows shown"
        data={filterChoices(counts)}
        value={filter}
        onChange={(value) => {
          setFilter(value as RowFilter);
          setPage(0);
        }}
        orientation={phone ? 'vertical' : 'horizontal'}
        fullWidth={phone}
        size="xs"
      />
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <Table verticalSpacing={6} aria-label="Rows of the file" aria-busy={fetching} data-rows={filter}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>Row</Table.Th>
            <Table.Th>Supplier</Table.Th>
            <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
              What happens
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows?.items.map((row) => {
            const change = changeWords(row.change);
            return (
              <Table.Tr key={`${row.sheet}!${row.row}`} data-row={row.row} data-change={row.change}>
                <Table.Td>{row.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm" fw={600}>
                    {row.legalName || '(no legal name)'}
                  </Text>
                  {row.matchedBy && (
                    <Text size="xs" c="dimmed">
                      matched by {row.matchedBy}
                    </Text>
                  )}
                  <Details row={row} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={change.color} variant="light" style={{ minWidth: 'max-content' }}>
                    {change.label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
          {rows && rows.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text size="sm" c="dimmed">
                  No row of this kind.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
      <Pager
        pages={paging.pages}
        onChange={(next) => setPage(next.page)}
        size={PAGE_SIZE}
        shown={rows?.items.length ?? 0}
        total={rows?.total ?? 0}
        pageInfo={rows ? paging.pageInfo : null}
      />
    </Stack>
  );
}
