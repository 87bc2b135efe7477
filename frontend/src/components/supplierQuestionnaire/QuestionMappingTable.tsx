// Every question of a supplier's own questionnaire and the Annex A controls it counts towards,
// with where they come from (a shipped crosswalk, the workbook's own, the control number
// itself) or why it is not mapped; all, mapped or not mapped ones, a page at a time.
import { useState } from 'react';
import { Badge, SegmentedControl, Stack, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { type MappingFilter, annexA, isMapped, mappingFilters, mappingShown, notMappedReason } from '../../lib/foreignQuestionnaire';
import { offsetPage } from '../../lib/registerImport';
import { Pager } from '../Pager';

const PAGE_SIZE = 25;

interface Mapping {
  questionId: string;
  controls: string[];
  source: string;
}

export function QuestionMappingTable({ mapping, heading = 3 }: { mapping: Mapping[]; heading?: TitleOrder }) {
  const [filter, setFilter] = useState<MappingFilter>('ALL');
  const [page, setPage] = useState(0);
  const phone = useMediaQuery('(max-width: 48em)');
  const shown = mappingShown(mapping, filter);
  const paging = offsetPage(page, PAGE_SIZE, shown.length);
  const rows = shown.slice(paging.offset, paging.offset + PAGE_SIZE);

  return (
    <Stack gap="xs">
      <Title order={heading} size="h4">
        Where each question counts
      </Title>
      <SegmentedControl
        aria-label="Questions shown"
        data={mappingFilters(mapping)}
        value={filter}
        onChange={(value) => {
          setFilter(value as MappingFilter);
          setPage(0);
        }}
        orientation={phone ? 'vertical' : 'horizontal'}
        fullWidth={phone}
        size="xs"
      />
      <Table verticalSpacing={6} aria-label="Questions and their Annex A controls" data-mapping={filter}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
              Question
            </Table.Th>
            <Table.Th>Annex A controls</Table.Th>
            <Table.Th>Source</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((m) => {
            const mapped = isMapped(m);
            return (
              <Table.Tr key={m.questionId} data-question={m.questionId} data-mapped={mapped}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={600}>
                    {m.questionId}
                  </Text>
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {mapped ? (
                    <Text size="sm">{m.controls.map(annexA).join(', ')}</Text>
                  ) : (
                    <Badge color="orange" variant="light" style={{ minWidth: 'max-content' }}>
                      not mapped
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">{mapped ? m.source : notMappedReason(m.source)}</Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={3}>
                <Text size="sm" c="dimmed">
                  No question of this kind.
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
        shown={rows.length}
        total={shown.length}
        pageInfo={paging.pageInfo}
      />
    </Stack>
  );
}
