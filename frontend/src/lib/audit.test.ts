import { describe, expect, it } from 'vitest';
import { LOGGED_ACTIONS, actionLabel, actorName, auditCsv, auditFilter, changeLines, dayStart, eventLabel, objectLink } from './audit';

describe('audit events in words', () => {
  it('names known actions and spells out the others', () => {
    expect(actionLabel('finding.status_change')).toBe('Status changed');
    expect(actionLabel('supplier_contact.create')).toBe('Supplier contact create');
  });

  it('writes before and after, plain values, and leaves bookkeeping out', () => {
    const lines = changeLines({
      status: { before: 'open', after: 'in_progress' },
      due_date: { before: '2027-01-01', after: null },
      comment: 'Checked the restore report',
      updated_at: { before: 'a', after: 'b' },
      iso_controls: ['8.13', '5.30'],
      file_name: 'backup_report_v2.pdf',
    });
    expect(lines).toEqual([
      'status: open → in progress',
      'due date: 2027-01-01 → —',
      'comment: Checked the restore report',
      'iso controls: 8.13, 5.30',
      'file name: backup_report_v2.pdf',
    ]);
  });

  it("writes instants in the reader's time, not as stored", () => {
    const at = '2026-12-06T11:49:17.397632762Z';
    expect(changeLines({ resolved_at: { before: null, after: at } })).toEqual([`resolved at: — → ${new Date(at).toLocaleString()}`]);
  });

  it('reads anything that is not an object as no change', () => {
    expect(changeLines(null)).toEqual([]);
    expect(changeLines(['x'])).toEqual([]);
    expect(changeLines('text')).toEqual([]);
  });
});

describe('the audit log', () => {
  it('names every recorded action with its object, and unknown ones in words', () => {
    expect(eventLabel('invitation.revoke')).toBe('Invitation revoked');
    expect(eventLabel('finding.status_change')).toBe('Finding status changed');
    expect(eventLabel('widget.spin')).toBe('Widget spin');
    const actions = LOGGED_ACTIONS.flatMap((g) => Object.keys(g.actions));
    expect(new Set(actions).size).toBe(actions.length);
    expect(actions).toContain('invitation.resend');
  });

  it('leaves out fields that stayed or are empty and says only that a reference changed', () => {
    const owner = '0b7c7f6e-3c1a-4a59-9d55-2f1b7b0f1a10';
    const other = '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b';
    expect(
      changeLines({
        owner_id: { before: null, after: owner },
        service_id: { before: owner, after: other },
        parent_id: { before: owner, after: null },
        description: { before: null, after: null },
        replaces: other,
        note: null,
        email: 'erin@eastwind.example',
      }),
    ).toEqual(['owner: set', 'service: changed', 'parent: removed', 'email: erin@eastwind.example']);
  });

  it('writes what a creation set as values, without its references', () => {
    const changes = {
      id: { before: null, after: '0b7c7f6e-3c1a-4a59-9d55-2f1b7b0f1a10' },
      supplier_id: { before: null, after: '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b' },
      name: { before: null, after: 'Erin Example' },
      phone: { before: null, after: null },
      role: { before: null, after: 'security_officer' },
    };
    expect(changeLines(changes, 'supplier_contact.create')).toEqual(['name: Erin Example', 'role: security officer']);
    expect(changeLines(changes, 'supplier_contact.update')).toEqual(['supplier: set', 'name: — → Erin Example', 'role: — → security officer']);
  });

  it('links an object to its page when the portal has one', () => {
    const id = '0b7c7f6e-3c1a-4a59-9d55-2f1b7b0f1a10';
    const at = (objectType: string, action = `${objectType}.update`, changes: unknown = {}) => objectLink({ action, objectType, objectId: id, changes });
    expect(at('supplier')).toEqual({ to: `/suppliers/${id}`, label: 'Supplier' });
    expect(at('finding', 'finding.status_change')).toEqual({ to: `/findings/${id}`, label: 'Finding' });
    expect(at('service')?.to).toBe(`/services/${id}`);
    expect(at('assessment', 'evidence.upload')?.to).toBe(`/assessments/${id}`);
    expect(at('questionnaire_template', 'questionnaire_template.create')).toEqual({ to: `/templates/${id}`, label: 'Template' });
    // A deleted object has no page; an invitation or a user has none of its own.
    expect(at('supplier', 'supplier.delete')).toBeNull();
    expect(at('invitation', 'invitation.revoke')).toBeNull();
    expect(at('user', 'auth.login')).toBeNull();
    expect(objectLink({ action: 'supplier.update', objectType: 'supplier', objectId: null, changes: {} })).toBeNull();
    // A contact leads to its supplier when the event names it.
    const supplier = '7d1e2c3b-4a5f-4e6d-8c7b-9a0f1e2d3c4b';
    expect(at('supplier_contact', 'supplier_contact.create', { supplier_id: { before: null, after: supplier } })).toEqual({
      to: `/suppliers/${supplier}`,
      label: 'Supplier',
    });
    expect(at('supplier_contact', 'supplier_contact.update', { name: { before: 'a', after: 'b' } })).toBeNull();
  });

  it('reads the address into the API filter, days in local time and the last day included', () => {
    const user = '0b7c7f6e-3c1a-4a59-9d55-2f1b7b0f1a10';
    expect(auditFilter({ action: 'invitation.revoke', objectType: '', actor: user, since: '2027-03-01', until: '2027-03-31' })).toEqual({
      action: 'invitation.revoke',
      objectType: null,
      actorId: user,
      since: new Date(2027, 2, 1).toISOString(),
      until: new Date(2027, 3, 1).toISOString(),
    });
    // A mistyped day or actor filters nothing rather than sending the API something it refuses.
    expect(auditFilter({ actor: 'erin', since: '1 March', until: '2027-02-30x' })).toEqual({
      action: null,
      objectType: null,
      actorId: null,
      since: null,
      until: null,
    });
    expect(dayStart('2027-12-31', 1)).toBe(new Date(2028, 0, 1).toISOString());
    expect(dayStart('2027-02-30')).toBeNull();
  });

  it('writes CSV a spreadsheet reads as text: quoted where needed, no formulas', () => {
    const csv = auditCsv([
      {
        createdAt: '2027-03-01T10:00:00Z',
        actorKind: 'RESPONDENT',
        actorLabel: '=HYPERLINK("http://x")',
        action: 'finding.comment',
        objectType: 'finding',
        objectId: 'f1',
        changes: { comment: 'Done, see "report"\nline two' },
      },
      {
        createdAt: '2027-03-01T09:00:00Z',
        actorKind: 'SYSTEM',
        actorLabel: 'overdue-job',
        action: 'auth.logout',
        objectType: 'user',
        objectId: null,
        changes: {},
      },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'When (UTC),Who,Actor kind,Action,What,Object type,Object id,Changes',
      `2027-03-01T10:00:00Z,"'=HYPERLINK(""http://x"")",supplier respondent,finding.comment,Comment on a finding,finding,f1,"comment: Done, see ""report""\nline two"`,
      '2027-03-01T09:00:00Z,overdue-job,Chainward,auth.logout,Signed out,user,,',
      '',
    ]);
  });

  it('shows actors without the kind the API writes in front', () => {
    expect(actorName('respondent:erin@eastwind.example')).toBe('erin@eastwind.example');
    expect(actorName('token:GRC nightly sync')).toBe('GRC nightly sync');
    expect(actorName('anna@northwind.example')).toBe('anna@northwind.example');
  });
});
