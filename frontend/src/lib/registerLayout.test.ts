import { describe, expect, it } from 'vitest';
import { type RegisterLayout, NOT_IMPORTED, asLayout, fieldChoices, fieldLabel, fieldOf, layoutSentences, sameLayout, withField } from './registerLayout';

// As the server detects a German register: "Bemerkung" is not imported.
const layout: RegisterLayout = {
  suppliers: {
    sheet: 'csv',
    kind: 'suppliers',
    header_row: 2,
    columns: [
      { column: 'A', header: 'Firmenname', field: 'legal_name', slot: 1 },
      { column: 'B', header: 'Land', field: 'country', slot: 1 },
      { column: 'C', header: 'E-Mail', field: 'contact_email', slot: 1 },
      { column: 'D', header: 'Bemerkung', field: null, slot: 1 },
      { column: 'E', header: 'Zweite E-Mail', field: 'contact_email', slot: 2 },
    ],
  },
  contacts: null,
  links: { sheet: 'Abhängigkeiten', kind: 'links', header_row: 1, columns: [{ column: 'A', header: 'Lieferant', field: 'supplier', slot: 1 }] },
};

describe('register layout', () => {
  it('reads a column as another field and leaves the others', () => {
    const next = withField(layout, 'D', 'description');
    expect(next.suppliers.columns.map((c) => c.field)).toEqual(['legal_name', 'country', 'contact_email', 'description', 'contact_email']);
    expect(next.links).toBe(layout.links);
    expect(layout.suppliers.columns[3].field, 'the layout itself is left as it was').toBeNull();
  });

  it('moves a field read from one column only: its old column is no longer imported', () => {
    const next = withField(layout, 'D', 'legal_name');
    expect(next.suppliers.columns.map((c) => c.field)).toEqual([null, 'country', 'contact_email', 'legal_name', 'contact_email']);
  });

  it('keeps fields that may repeat (contacts) in every column that has them', () => {
    const next = withField(layout, 'D', 'contact_email');
    expect(next.suppliers.columns.filter((c) => c.field === 'contact_email').map((c) => c.column)).toEqual(['C', 'D', 'E']);
  });

  it('leaves a column out', () => {
    const next = withField(layout, 'B', fieldOf(NOT_IMPORTED));
    expect(next.suppliers.columns[1]).toEqual({ column: 'B', header: 'Land', field: null, slot: 1 });
    expect(sameLayout(next, layout)).toBe(false);
    expect(sameLayout(withField(next, 'B', 'country'), layout)).toBe(true);
  });

  it('offers every field in words, grouped, after "Not imported"', () => {
    const choices = fieldChoices();
    expect(choices[0]).toEqual({ value: 'none', label: 'Not imported' });
    const values = choices.flatMap((c) => ('items' in c ? c.items.map((i) => i.value) : [c.value]));
    expect(values).toHaveLength(37);
    expect(new Set(values).size).toBe(37);
    expect(fieldLabel('contract_end')).toBe('Contract end');
    expect(fieldLabel(null)).toBe('Not imported');
    expect(fieldOf('vat_number')).toBe('vat_number');
    expect(fieldOf('something else')).toBeNull();
    expect(fieldOf(null)).toBeNull();
  });

  it("takes a preview's columns as a layout only when they are one", () => {
    expect(asLayout(JSON.parse(JSON.stringify(layout)))).toEqual(layout);
    expect(asLayout(null)).toBeNull();
    expect(asLayout({ sheets: [] })).toBeNull();
    expect(asLayout('csv')).toBeNull();
  });

  it('says in words which sheets are read and how many columns', () => {
    expect(layoutSentences(layout)).toEqual([
      'Suppliers: sheet "csv", headers on row 2; 4 of 5 columns imported.',
      'Dependencies: sheet "Abhängigkeiten", headers on row 1; 1 of 1 columns imported.',
    ]);
  });
});
