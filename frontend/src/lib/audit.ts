// Audit events in words: what happened ("finding.status_change" -> "Status changed"), what
// changed ("status: open → in progress") and where the object is, for a finding's history and
// the audit log; the log's filter as the address keeps it, and the log as CSV.

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const isReference = (value: unknown) => typeof value === 'string' && UUID.test(value);
const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/** One line per changed field, `field: before → after`, or `field: value` for values without a
 * before and after (a comment, a file name) and for everything a `*.create` action set.
 * Bookkeeping columns and fields that stayed or are empty are left out; references to other records
 * (UUIDs, unreadable) only say that they changed. */
export function changeLines(changes: unknown, action?: string): string[] {
  if (!changes || typeof changes !== 'object' || Array.isArray(changes)) return [];
  const created = action?.endsWith('.create') ?? false;
  const lines: string[] = [];
  for (const [field, change] of Object.entries(changes as Record<string, unknown>)) {
    if (SKIPPED.has(field)) continue;
    const name = field.replace(/_/g, ' ');
    if (change && typeof change === 'object' && !Array.isArray(change) && ('before' in change || 'after' in change)) {
      const { before, after } = change as { before?: unknown; after?: unknown };
      if (isEmpty(before) && isEmpty(after)) continue;
      if (isReference(before) || isReference(after)) {
        if (created) continue;
        const reference = name.replace(/ id$/, '');
        lines.push(`${reference}: ${isEmpty(before) ? 'set' : isEmpty(after) ? 'removed' : 'changed'}`);
      } else if (created && isEmpty(before)) {
        lines.push(`${name}: ${shown(after)}`);
      } else {
        lines.push(`${name}: ${shown(before)} → ${shown(after)}`);
      }
    } else if (!isReference(change) && !isEmpty(change)) {
      lines.push(`${name}: ${shown(change)}`);
    }
  }
  return lines;
}

/** Every action Chainward records, as the audit log names it (with its object, since the log
 * mixes them), grouped the way the filter offers them. */
export const LOGGED_ACTIONS: { group: string; actions: Record<string, string> }[] = [
  {
    group: 'Sign-in',
    actions: {
      'auth.login': 'Signed in',
      'auth.login_failed': 'Sign-in refused',
      'auth.logout': 'Signed out',
      'auth.refresh': 'Session renewed',
      'auth.refresh_reuse': 'Refresh token reused (session ended)',
    },
  },
  {
    group: 'Organisation',
    actions: {
      'organisation.create': 'Organisation created',
      'organisation.settings_update': 'Settings changed',
      'user.create': 'User added',
      'user.update': 'User changed',
      'api_token.create': 'API token created',
      'api_token.revoke': 'API token revoked',
      'webhook_subscription.create': 'Webhook added',
      'webhook_subscription.delete': 'Webhook removed',
    },
  },
  {
    group: 'Register',
    actions: {
      'supplier.create': 'Supplier registered',
      'supplier.update': 'Supplier changed',
      'supplier.status_change': 'Supplier status changed',
      'supplier.delete': 'Supplier deleted',
      'supplier_contact.create': 'Contact added',
      'supplier_contact.update': 'Contact changed',
      'supplier_contact.delete': 'Contact removed',
      'service.create': 'Service added',
      'service.update': 'Service changed',
      'service.delete': 'Service deleted',
      'dependency.create': 'Dependency added',
      'dependency.update': 'Dependency changed',
      'dependency.delete': 'Dependency removed',
      'import.preview': 'Spreadsheet import checked',
      'import.commit': 'Spreadsheet imported',
      'import_profile.save': 'Import profile saved',
      'import_profile.delete': 'Import profile deleted',
    },
  },
  {
    group: 'Questionnaires',
    actions: {
      'questionnaire_template.create': 'Template created',
      'template_version.create': 'Template version started',
      'template_version.update': 'Template draft saved',
      'template_version.publish': 'Template version published',
      'campaign.launch': 'Campaign launched',
      'assessment.create': 'Assessment created',
      'assessment.status_change': 'Assessment status changed',
      'assessment.answers_saved': 'Answers saved',
      'assessment.answer_reviewed': 'Answer reviewed',
      'evidence.upload': 'Document uploaded to an answer',
      'invitation.create': 'Invitation sent',
      'invitation.resend': 'Invitation sent again (earlier link revoked)',
      'invitation.revoke': 'Invitation revoked',
      'invitation.delegate': 'Sections handed to a colleague',
      'invitation.exchange': 'Invitation link opened',
    },
  },
  {
    group: 'Findings',
    actions: {
      'finding.create': 'Finding raised',
      'finding.update': 'Finding remediation updated',
      'finding.status_change': 'Finding status changed',
      'finding.comment': 'Comment on a finding',
      'finding.evidence_upload': 'Document attached to a finding',
      'finding.risk_accepted': 'Finding risk accepted',
      'finding.reopened': 'Finding reopened',
    },
  },
];

const LOG_WORDS: Record<string, string> = Object.assign({}, ...LOGGED_ACTIONS.map((g) => g.actions));

/** An action as the audit log names it: "Invitation revoked", "Finding raised"; unknown ones as
 * {@link actionLabel} spells them. */
export function eventLabel(action: string): string {
  return LOG_WORDS[action] ?? actionLabel(action);
}

/** The kinds of object the log records, in words. */
export const OBJECT_TYPES: Record<string, string> = {
  supplier: 'Supplier',
  supplier_contact: 'Supplier contact',
  service: 'Service',
  dependency: 'Dependency',
  import_batch: 'Spreadsheet import',
  import_profile: 'Import profile',
  questionnaire_template: 'Template',
  template_version: 'Template version',
  campaign: 'Campaign',
  assessment: 'Assessment',
  invitation: 'Invitation',
  finding: 'Finding',
  user: 'User',
  organisation: 'Organisation',
  api_token: 'API token',
  webhook_subscription: 'Webhook',
};

export function objectTypeLabel(objectType: string): string {
  return OBJECT_TYPES[objectType] ?? objectType.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Who acted, in words. */
export const ACTOR_KINDS: Record<string, string> = {
  USER: 'user',
  API_TOKEN: 'API token',
  SYSTEM: 'Chainward',
  RESPONDENT: 'supplier respondent',
};

/** The actor's label without the kind the API writes in front (`respondent:`, `token:`). */
export function actorName(label: string): string {
  return label.replace(/^(respondent|token):/, '');
}

/** Pages of the portal an object type opens on. */
const PAGES: Record<string, string> = {
  supplier: '/suppliers/',
  finding: '/findings/',
  service: '/services/',
  assessment: '/assessments/',
  questionnaire_template: '/templates/',
  campaign: '/campaigns/',
};

interface LoggedEvent {
  action: string;
  objectType: string;
  objectId?: string | null;
  changes: unknown;
}

/** Where an event's object can be seen in the portal, if anywhere: its page, or for a contact
 * its supplier's page. Nothing for a deleted object (its page is gone) or for objects without
 * a page of their own (invitations, users, tokens). */
export function objectLink(event: LoggedEvent): { to: string; label: string } | null {
  if (event.action.endsWith('.delete')) return null;
  const page = PAGES[event.objectType];
  if (page && event.objectId) return { to: page + event.objectId, label: objectTypeLabel(event.objectType) };
  if (event.objectType === 'supplier_contact' && event.changes && typeof event.changes === 'object') {
    const field = (event.changes as Record<string, unknown>).supplier_id;
    const id = field && typeof field === 'object' ? ((field as { after?: unknown; before?: unknown }).after ?? (field as { before?: unknown }).before) : field;
    if (isReference(id)) return { to: `/suppliers/${id}`, label: 'Supplier' };
  }
  return null;
}

/** The log's filter as the address keeps it (`?action=&objectType=&actor=&since=&until=`), days
 * in the reader's time zone: `since` from the start of its day, `until` to the end of its day. */
export interface AuditAddress {
  action?: string | null;
  objectType?: string | null;
  actor?: string | null;
  since?: string | null;
  until?: string | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The start of a local day (`2027-03-01`) as an instant, offset by `days`; null if not a day. */
export function dayStart(day: string | null | undefined, days = 0): string | null {
  const match = day ? DAY.exec(day) : null;
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  const start = new Date(year, month, date);
  // 2027-02-30 is no day (Date would roll it over into March).
  if (start.getFullYear() !== year || start.getMonth() !== month || start.getDate() !== date) return null;
  start.setDate(date + days);
  return start.toISOString();
}

export function auditFilter(address: AuditAddress) {
  return {
    action: address.action || null,
    objectType: address.objectType || null,
    actorId: address.actor && UUID.test(address.actor) ? address.actor : null,
    since: dayStart(address.since),
    until: dayStart(address.until, 1),
  };
}

/** A cell of a CSV file: quoted when needed, and never read as a formula by a spreadsheet
 * (an actor label or a comment is written by others). */
function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export interface CsvEvent extends LoggedEvent {
  createdAt: string;
  actorKind: string;
  actorLabel: string;
}

/** The audit log as CSV (RFC 4180, CRLF), one row per event, instants in UTC as stored. */
export function auditCsv(events: CsvEvent[]): string {
  const header = ['When (UTC)', 'Who', 'Actor kind', 'Action', 'What', 'Object type', 'Object id', 'Changes'];
  const rows = events.map((e) => [
    e.createdAt,
    e.actorLabel,
    ACTOR_KINDS[e.actorKind] ?? e.actorKind,
    e.action,
    eventLabel(e.action),
    e.objectType,
    e.objectId ?? '',
    changeLines(e.changes, e.action).join('; '),
  ]);
  return [header, ...rows].map((row) => row.map(cell).join(',')).join('\r\n') + '\r\n';
}
