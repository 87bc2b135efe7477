// Audit events in words: what happened ("finding.status_change" -> "Status changed") and what
// changed ("status: open → in progress"), for a finding's history and the audit log.

/** Actions named the way an auditor reads them; others fall back to their words. */
const ACTIONS: Record<string, string> = {
  'finding.create': 'Raised',
  'finding.update': 'Remediation updated',
  'finding.status_change': 'Status changed',
  'finding.comment': 'Comment',
  'finding.evidence_upload': 'Document attached',
  'finding.risk_accepted': 'Risk accepted',
  'finding.reopened': 'Reopened',
  'supplier.status_change': 'Supplier status changed',
  'auth.login_failed': 'Sign-in refused',
  'auth.refresh_reuse': 'Refresh token reused (session ended)',
};

/** An action in words: `supplier_contact.create` -> "supplier contact create". */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action.replace(/[._]/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

const SKIPPED = new Set(['updated_at', 'created_at', 'id', 'organisation_id', 'overdue_notified_at']);

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && INSTANT.test(value)) return new Date(value).toLocaleString();
  // Only codes such as `in_progress` read as words; names and file names stay as written.
  if (typeof value === 'string') return /^[a-z]+(_[a-z]+)+$/.test(value) ? value.replace(/_/g, ' ') : value;
  if (Array.isArray(value)) return value.map(shown).join(', ') || '—';
  return JSON.stringify(value);
}

/** One line per changed field, `field: before → after`, or `field: value` for values without a
 * before and after (a comment, a file name). Bookkeeping columns are left out. */
export function changeLines(changes: unknown): string[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  const lines: string[] = [];
  for (const [field, change] of Object.entries(changes as Record<string, unknown>)) {
    if (SKIPPED.has(field)) continue;
    const name = field.replace(/_/g, ' ');
    if (change && typeof change === 'object' && !Array.isArray(change) && ('before' in change || 'after' in change)) {
      const { before, after } = change as { before?: unknown; after?: unknown };
      lines.push(`${name}: ${shown(before)} → ${shown(after)}`);
    } else {
      lines.push(`${name}: ${shown(change)}`);
    }
  }
  return lines;
}
