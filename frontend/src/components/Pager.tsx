// "21-40 of 49" with Previous and Next, under every paged list (register, findings, audit log),
// moving one page at a time over opaque cursors (lib/pages).
import { Button, Group, Text } from '@mantine/core';
import { type PageCursors, nextPage, previousPage, rangeLabel } from '../lib/pages';

export function Pager({
  pages,
  onChange,
  size,
  shown,
  total,
  pageInfo,
}: {
  pages: PageCursors;
  onChange: (next: PageCursors) => void;
  size: number;
  /** Rows on the current page. */
  shown: number;
  total: number;
  pageInfo?: { hasNextPage: boolean; endCursor?: string | null } | null;
}) {
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-range>
        {rangeLabel(pages, size, shown, total)}
      </Text>
      <Group gap="xs">
        <Button variant="default" size="xs" disabled={pages.page === 0} onClick={() => onChange(previousPage(pages))}>
          Previous
        </Button>
        <Button variant="default" size="xs" disabled={!pageInfo?.hasNextPage} onClick={() => onChange(nextPage(pages, pageInfo?.endCursor))}>
          Next
        </Button>
      </Group>
    </Group>
  );
}
