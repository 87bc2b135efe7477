// The 93 Annex A controls and what a supplier's own questionnaire says of each, one status at a
// time (compliant, answered short, only n/a, not covered, or all) and a page at a time: its
// status, strength (the answers' shares summed) and the answers counted towards it.
import { useState } from 'react';
import { Badge, SegmentedControl, Stack, Table, Text, Title, type TitleOrder } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { QuestionnaireCoverageFieldsFragment } from '../../gql/graphql';
import { type ControlFilter, annexA, controlFilters, controlsShown, evidenceWords, percent, statusWords } from '../../lib/foreignQuestionnaire';
import { offsetPage } from '../../lib/registerImport';
import { Pager } from '../Pager';

const PAGE_SIZE = 25;

export function ControlCoverageTable({ coverage, heading = 3 }: { coverage: QuestionnaireCoverageFieldsFragment; heading?: TitleOrder }) {
  const [filter, setFilter] = useState<ControlFilter>('ALL');
  const [page, setPage] = useState(0);
  const phone = useMediaQuery('(max-width: 48em)');
  const shown = controlsShown(coverage.controls, filter);
  const paging = offsetPage(page, PAGE_SIZE, shown.length);
  const rows = shown.slice(paging.offset, paging.offset + PAGE_SIZE);

  return (
    <Stack gap="xs">
      <Title order={heading} size="h5">
        Annex A controls by status
      </Title>
      <SegmentedControl
        aria-label="Controls shown"
        data={controlFilters(coverage.controls)}
        value={filter}
        onChange={(value) => {
          setFilter(value as ControlFilter);
          setPage(0);
        }}
        orientation={phone ? 'vertical' : 'horizontal'}
        fullWidth={phone}
        size="xs"
      />
      <Table verticalSpacing={6} aria-label="Annex A controls" data-controls={filter}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Control</Table.Th>
            <Table.Th w="1%" style={{ whiteSpace: 'nowrap' }}>
              Status
            </Table.Th>
            <Table.Th w="1%" ta="right" style={{ whiteSpace: 'nowrap' }}>
              Strength
            </Table.Th>
            <Table.Th visibleFrom="sm">Answers counted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => {
            const status = statusWords(c.status);
            const answers = c.evidence.map(evidenceWords).join(', ');
            return (
              <Table.Tr key={c.id} data-control={c.id} data-status={c.status}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">
                    <Text span fw={600}>
                      {annexA(c.id)}
                    </Text>{' '}
                    {c.title}
                  </Text>
                  {answers && (
                    <Text size="xs" c="dimmed" hiddenFrom="sm">
                      {answers}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Badge color={status.color} variant="light" style={{ minWidth: 'max-content' }}>
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm">{c.status === 'NOT_COVERED' ? '-' : percent(c.strength)}</Text>
                </Table.Td>
                <Table.Td visibleFrom="sm" style={{ overflowWrap: 'anywhere' }}>
                  <Text size="sm">
                    {answers || (
                      <Text span size="sm" c="dimmed">
                        none
                      </Text>
                    )}
                  </Text>
                </Table.Td>
              </Table.Tr>
            );
          })}
          {rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm" c="dimmed">
                  No control has this status.
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
