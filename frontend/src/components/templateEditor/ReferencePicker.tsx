// The ISO/IEC 27001 and NIS 2 references of a question, picked from the catalogues the API
// serves (`frameworks`): searchable by id and title. The ISO picker holds Annex A controls and
// management-system clauses alike (their ids overlap: control 5.1 is not clause 5.1), written
// back to `iso` and `iso_clauses`. A reference the catalogue does not know stays visible, named
// as such, so that it can be removed.
import { createContext, use } from 'react';
import { type ComboboxItem, type ComboboxItemGroup, MultiSelect, Pill } from '@mantine/core';
import { graphql } from '../../gql';
import type { QuestionDraft } from '../../lib/templateDraft';

export const CATALOGUE = graphql(`
  query TemplateCatalogue {
    frameworks {
      id
      controls {
        id
        kind
        title
      }
    }
  }
`);

type Entry = { id: string; kind: string; title: string };
type Group = ComboboxItemGroup<ComboboxItem>;
export interface Catalogue {
  iso: Group[];
  nis2: Group[];
  loading: boolean;
}

const GROUPS: Record<string, { group: string; prefix: string }> = {
  ANNEX_A_CONTROL: { group: 'Annex A controls', prefix: 'control:' },
  CLAUSE: { group: 'Management-system clauses (4-10)', prefix: 'clause:' },
  NIS2_POINT: { group: 'Art. 21(2) points', prefix: '' },
  NIS2_REQUIREMENT: { group: 'Art. 21(3) and IR 2024/2690 requirements', prefix: '' },
};

/** The pickers' choices from the `frameworks` answer, grouped by kind. */
export function catalogueFrom(frameworks: { id: string; controls: Entry[] }[] | undefined, loading: boolean): Catalogue {
  const groups = (framework: string) => {
    const byGroup = new Map<string, Group>();
    for (const c of frameworks?.find((f) => f.id === framework)?.controls ?? []) {
      const kind = GROUPS[c.kind];
      if (!kind) continue;
      if (!byGroup.has(kind.group)) byGroup.set(kind.group, { group: kind.group, items: [] });
      byGroup.get(kind.group)!.items.push({ value: kind.prefix + c.id, label: `${c.id} ${c.title}` });
    }
    return [...byGroup.values()];
  };
  return { iso: groups('iso27001-2022'), nis2: groups('nis2'), loading };
}

export const CatalogueContext = createContext<Catalogue>({ iso: [], nis2: [], loading: true });

/** `data` with a group for the values it does not hold. */
function withUnknown(data: Group[], values: string[], loading: boolean): Group[] {
  const known = new Set(data.flatMap((g) => g.items.map((i) => i.value)));
  const unknown = values.filter((v) => !known.has(v));
  if (!unknown.length) return data;
  const id = (v: string) => v.replace(/^(control|clause):/, '');
  const items = unknown.map((v) => ({ value: v, label: loading ? id(v) : `${id(v)} (not in the catalogue)` }));
  return [...data, { group: loading ? 'Loading the catalogue' : 'Not in the catalogue', items }];
}

interface Props {
  question: QuestionDraft;
  onChange: (patch: Partial<QuestionDraft>) => void;
  isoError?: string;
  nis2Error?: string;
}

export function ReferencePicker({ question, onChange, isoError, nis2Error }: Props) {
  const catalogue = use(CatalogueContext);
  const isoValue = [...question.iso.map((id) => `control:${id}`), ...question.isoClauses.map((id) => `clause:${id}`)];
  const pick = (values: string[]) =>
    onChange({
      iso: values.filter((v) => v.startsWith('control:')).map((v) => v.slice('control:'.length)),
      isoClauses: values.filter((v) => v.startsWith('clause:')).map((v) => v.slice('clause:'.length)),
    });
  const common = {
    searchable: true,
    hidePickedOptions: true,
    maxDropdownHeight: 280,
    nothingFoundMessage: catalogue.loading ? 'Loading the catalogue…' : 'No entry matches',
    comboboxProps: { withinPortal: true },
    renderPill: ({ option, value, onRemove }: { option?: { label: string }; value?: string; onRemove?: () => void }) => (
      <Pill withRemoveButton onRemove={onRemove} removeButtonProps={{ 'aria-label': `Remove ${option?.label ?? value}` }}>
        {option?.label ?? value}
      </Pill>
    ),
  };
  return (
    <>
      <MultiSelect
        {...common}
        label="ISO/IEC 27001 controls and clauses"
        placeholder={isoValue.length ? undefined : 'Search by number or title, e.g. 5.19 or supplier'}
        data={withUnknown(catalogue.iso, isoValue, catalogue.loading)}
        value={isoValue}
        onChange={pick}
        error={isoError}
      />
      <MultiSelect
        {...common}
        label="NIS 2 references"
        placeholder={question.nis2.length ? undefined : 'Search, e.g. 21(2)(d) or incident'}
        data={withUnknown(catalogue.nis2, question.nis2, catalogue.loading)}
        value={question.nis2}
        onChange={(nis2) => onChange({ nis2 })}
        error={nis2Error}
      />
    </>
  );
}
