// The layout the register importer detected in a spreadsheet (`RegisterImport.columns`), as
// the person importing corrects it: which sheet holds the suppliers (and contacts and
// dependencies), on which row its headers are, and what each column is read as.

export type RegisterField =
  | 'legal_name'
  | 'lei'
  | 'vat_number'
  | 'duns'
  | 'registry_number'
  | 'country'
  | 'website'
  | 'category'
  | 'description'
  | 'status'
  | 'owner'
  | 'data_sensitivity'
  | 'access_level'
  | 'substitutability'
  | 'nis2_relevant'
  | 'ict_services'
  | 'contract_start'
  | 'contract_end'
  | 'clause_security_requirements'
  | 'clause_staff_training'
  | 'clause_background_checks'
  | 'clause_incident_notification'
  | 'clause_right_to_audit'
  | 'clause_vulnerability_handling'
  | 'clause_subcontracting'
  | 'clause_termination'
  | 'contacts'
  | 'contact_name'
  | 'contact_email'
  | 'contact_phone'
  | 'contact_role'
  | 'service'
  | 'supplier'
  | 'subcontractor'
  | 'function'
  | 'computed';

export interface ColumnRole {
  /** The column's letter, e.g. `C`. */
  column: string;
  header: string;
  /** What the column is read as; null: not imported. */
  field: RegisterField | null;
  /** Which contact of the row a contact column belongs to (1 for the first). */
  slot?: number;
}

export interface RegisterSheet {
  sheet: string;
  kind: 'suppliers' | 'contacts' | 'links';
  /** The header row as the spreadsheet numbers it; data starts below it. */
  header_row: number;
  columns: ColumnRole[];
}

export interface RegisterLayout {
  suppliers: RegisterSheet;
  contacts: RegisterSheet | null;
  links: RegisterSheet | null;
}

/** Every field in words, in groups as a column picker shows them (the server's names). */
const GROUPS: { group: string; fields: [RegisterField, string][] }[] = [
  {
    group: 'Supplier',
    fields: [
      ['legal_name', 'Legal name'],
      ['lei', 'LEI'],
      ['vat_number', 'VAT number'],
      ['duns', 'DUNS'],
      ['registry_number', 'National registry number'],
      ['country', 'Country'],
      ['website', 'Website'],
      ['category', 'Category'],
      ['description', 'Description'],
      ['status', 'Status'],
      ['owner', 'Owner (e-mail)'],
      ['data_sensitivity', 'Data sensitivity'],
      ['access_level', 'Access level'],
      ['substitutability', 'Substitutability'],
      ['nis2_relevant', 'NIS 2 relevant'],
      ['ict_services', 'ICT products and services'],
      ['contract_start', 'Contract start'],
      ['contract_end', 'Contract end'],
    ],
  },
  {
    group: 'Contract clauses',
    fields: [
      ['clause_security_requirements', '(a) Security requirements'],
      ['clause_staff_training', '(b) Staff training'],
      ['clause_background_checks', '(c) Background checks'],
      ['clause_incident_notification', '(d) Incident notification'],
      ['clause_right_to_audit', '(e) Right to audit'],
      ['clause_vulnerability_handling', '(f) Vulnerability handling'],
      ['clause_subcontracting', '(g) Subcontracting'],
      ['clause_termination', '(h) Termination'],
    ],
  },
  {
    group: 'Contacts',
    fields: [
      ['contacts', 'Contacts (several in one cell)'],
      ['contact_name', 'Contact name'],
      ['contact_email', 'Contact e-mail'],
      ['contact_phone', 'Contact phone'],
      ['contact_role', 'Contact role'],
    ],
  },
  {
    group: 'Dependencies',
    fields: [
      ['service', 'Service that depends on the supplier'],
      ['supplier', 'Supplier named'],
      ['subcontractor', 'Subcontractor'],
      ['function', 'What the provider does'],
    ],
  },
  { group: 'Other', fields: [['computed', 'Computed by Chainward (never imported)']] },
];

/** The picker's value for a column that is not imported. */
export const NOT_IMPORTED = 'none';

const LABELS = new Map<string, string>(GROUPS.flatMap((g) => g.fields));

/** A field in words: "Contract end". */
export function fieldLabel(field: RegisterField | null): string {
  return field === null ? 'Not imported' : (LABELS.get(field) ?? field);
}

/** The choices of a column picker: "Not imported", then every field by group. */
export function fieldChoices(): ({ value: string; label: string } | { group: string; items: { value: string; label: string }[] })[] {
  return [
    { value: NOT_IMPORTED, label: 'Not imported' },
    ...GROUPS.map(({ group, fields }) => ({ group, items: fields.map(([value, label]) => ({ value, label })) })),
  ];
}

/** The picker's value back as a field (null: not imported). */
export function fieldOf(value: string | null): RegisterField | null {
  return value && value !== NOT_IMPORTED && LABELS.has(value) ? (value as RegisterField) : null;
}

/** Fields that may be read from several columns of a sheet (as the server allows). */
function repeats(field: RegisterField): boolean {
  return field.startsWith('contact_') || field === 'ict_services' || field === 'computed';
}

/**
 * The layout with the suppliers sheet's `column` read as `field` (null: not imported). A field
 * read from one column only moves there: the column that had it is no longer imported.
 */
export function withField(layout: RegisterLayout, column: string, field: RegisterField | null): RegisterLayout {
  const columns = layout.suppliers.columns.map((c) => {
    if (c.column === column) return { ...c, field };
    if (field !== null && !repeats(field) && c.field === field) return { ...c, field: null };
    return c;
  });
  return { ...layout, suppliers: { ...layout.suppliers, columns } };
}

/** Whether two layouts read the file the same way. */
export function sameLayout(a: RegisterLayout | null, b: RegisterLayout | null): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The `columns` of a preview as a layout, if it is one. */
export function asLayout(value: unknown): RegisterLayout | null {
  const layout = value as RegisterLayout | null;
  const sheet = (s: unknown) => !!s && typeof s === 'object' && Array.isArray((s as RegisterSheet).columns) && typeof (s as RegisterSheet).sheet === 'string';
  return layout && typeof layout === 'object' && sheet(layout.suppliers) ? layout : null;
}

const KINDS: Record<RegisterSheet['kind'], string> = { suppliers: 'Suppliers', contacts: 'Contacts', links: 'Dependencies' };

/** The layout in words, a sentence a sheet: "Suppliers: sheet "csv", headers on row 1; 5 of 6 columns imported." */
export function layoutSentences(layout: RegisterLayout): string[] {
  return [layout.suppliers, layout.contacts, layout.links]
    .filter((s): s is RegisterSheet => !!s)
    .map((s) => {
      const read = s.columns.filter((c) => c.field !== null && c.field !== 'computed').length;
      return `${KINDS[s.kind]}: sheet "${s.sheet}", headers on row ${s.header_row}; ${read} of ${s.columns.length} columns imported.`;
    });
}
