// The audit log of the current filter as a CSV file, read page by page in the browser: at most
// EXPORT_LIMIT events (the newest), and the button says so.
import { useState } from 'react';
import { Alert, Button, Group, Text } from '@mantine/core';
import { CombinedError, useClient } from 'urql';
import type { AuditFilter } from '../../gql/graphql';
import { auditCsv, type CsvEvent } from '../../lib/audit';
import { errorMessage } from '../../lib/errors';
import { AUDIT_LOG } from './auditQuery';

export const EXPORT_LIMIT = 5000;
/** The API's largest page. */
const PAGE = 200;

function saveText(fileName: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

export function ExportAuditCsv({ filter, total }: { filter: AuditFilter; total: number }) {
  const client = useClient();
  const [progress, setProgress] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [exporting, setExporting] = useState(false);

  const run = async () => {
    setExporting(true);
    setProblem(null);
    try {
      // Events written while the export reads would shift the pages: the first answer fixes the
      // newest event, and every page after it ends there.
      const ask = (f: AuditFilter, first: number, after: string | null) =>
        client.query(AUDIT_LOG, { filter: f, first, after }, { requestPolicy: 'network-only' }).toPromise();
      const head = await ask(filter, 1, null);
      if (head.error || !head.data) throw head.error ?? new Error('no answer');
      const newest = head.data.auditEvents.nodes[0];
      const pinned = newest ? { ...filter, until: new Date(new Date(newest.createdAt).getTime() + 1).toISOString() } : filter;
      const events: CsvEvent[] = [];
      let after: string | null = null;
      let count = 0;
      do {
        const page = await ask(pinned, Math.min(PAGE, EXPORT_LIMIT - events.length), after);
        if (page.error || !page.data) throw page.error ?? new Error('no answer');
        const { nodes, pageInfo, totalCount } = page.data.auditEvents;
        events.push(...nodes);
        count = totalCount;
        after = pageInfo.hasNextPage ? (pageInfo.endCursor ?? null) : null;
        setProgress(`Read ${events.length.toLocaleString()} of ${Math.min(count, EXPORT_LIMIT).toLocaleString()} events…`);
      } while (after && events.length < EXPORT_LIMIT);
      saveText(`chainward-audit-log-${new Date().toISOString().slice(0, 10)}.csv`, auditCsv(events));
      setProgress(
        count > events.length
          ? `Exported the newest ${events.length.toLocaleString()} of ${count.toLocaleString()} events: narrow the filter (e.g. the dates) for the rest.`
          : `Exported ${events.length.toLocaleString()} events.`,
      );
    } catch (error) {
      setProgress(null);
      setProblem(error instanceof CombinedError ? errorMessage(error) : 'The export failed; try again.');
    } finally {
      setExporting(false);
    }
  };

  return (
    <Group gap="xs" wrap="nowrap">
      <Text size="xs" c="dimmed" aria-live="polite">
        {progress ?? `The current filter, at most the newest ${EXPORT_LIMIT.toLocaleString()} events.`}
      </Text>
      {problem && (
        <Alert color="red" role="alert" p={6}>
          {problem}
        </Alert>
      )}
      <Button variant="default" size="xs" loading={exporting} disabled={total === 0} onClick={run}>
        Export CSV
      </Button>
    </Group>
  );
}
