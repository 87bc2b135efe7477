import { describe, expect, it } from 'vitest';
import { actionLabel, changeLines } from './audit';

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
