// The dependency rows of a previewed register import (a sheet of "service -> supplier" or
// "supplier -> subcontractor" rows), a page at a time, each problem at its cell.
import { useState } from 'react';
import { Alert, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../lib/errors';
import { changeWords, offsetPage } from '../../lib/registerImport';
import { Pager } from '../Pager';

const LINKS = graphql(`
  query RegisterImportLinks($id: UUID!, $offset: Int, $limit: Int) {
    registerImport(id: $id) {
      id
      dependencies(offset: $offset, limit: $limit) {
        total
        items {
          sheet
          row
          change
          dependent
          provider
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

export function ImportDependencies({ batchId, sheet }: { batchId: string; sheet: string }) {
  const [page, setPage] = useState(0);
  const [{ data, error }] = useQuery({ query: LINKS, variables: { id: batchId, offset: page * PAGE_SIZE, limit: PAGE_SIZE } });
  const links = data?.registerImport.dependencies;
  const paging = offsetPage(page, PAGE_SIZE, links?.total ?? 0);
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Dependencies (sheet &ldquo;{sheet}&rdquo;)
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      )}
      <Table verticalSpacing={4} aria-label="Dependency rows of the file">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={56}>Row</Table.Th>
            <Table.Th>Dependency</Table.Th>
            <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
              What happens
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links?.items.map((link) => {
            const change = changeWords(link.change);
            return (
              <Table.Tr key={`${link.sheet}!${link.row}`} data-row={link.row}>
                <Table.Td>{link.row}</Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">
                    {link.dependent} depends on {link.provider}
                  </Text>
                  {link.problems.map((p) => (
                    <Text size="sm" c="red.9" key={p.cell + p.message}>
                      {p.cell}: {p.message}
                    </Text>
                  ))}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={change.color} variant="light" style={{ minWidth: 'max-content' }}>
                    {link.change === 'UNCHANGED' ? 'recorded already' : change.label}
                  </Badge>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <Pager
        pages={paging.pages}
        onChange={(next) => setPage(next.page)}
        size={PAGE_SIZE}
        shown={links?.items.length ?? 0}
        total={links?.total ?? 0}
        pageInfo={links ? paging.pageInfo : null}
      />
    </Stack>
  );
}
