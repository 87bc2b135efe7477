// The parts of a supplier's record both the "New supplier" and "Edit supplier" dialogs ask
// for: its identifiers (LEI, VAT, DUNS, registry) and its tier (data, access, substitutability,
// NIS 2), each with the API's field error beside it.
import { Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import type { AccessLevel, DataSensitivity, Substitutability } from '../gql/graphql';
import { words } from '../lib/format';

export interface Identifiers {
  lei: string;
  vatNumber: string;
  duns: string;
  nationalRegistryNumber: string;
}

export interface Tier {
  dataSensitivity: DataSensitivity;
  accessLevel: AccessLevel;
  substitutability: Substitutability;
  nis2Relevant: boolean;
}

export const NO_IDENTIFIERS: Identifiers = { lei: '', vatNumber: '', duns: '', nationalRegistryNumber: '' };
/** A new supplier until told otherwise: no data, no access, easy to replace. */
export const LOWEST_TIER: Tier = { dataSensitivity: 'NONE', accessLevel: 'NONE', substitutability: 'EASY', nis2Relevant: false };

/** The identifiers as the API takes them: blank ones left out (`null`). */
export function identifierInput(ids: Identifiers) {
  const value = (v: string) => v.trim() || null;
  return { lei: value(ids.lei), vatNumber: value(ids.vatNumber), duns: value(ids.duns), nationalRegistryNumber: value(ids.nationalRegistryNumber) };
}

const options = (values: string[]) => values.map((v) => ({ value: v, label: words(v) }));

export function IdentifierFields({ value, onChange, errors }: { value: Identifiers; onChange: (next: Identifiers) => void; errors: Record<string, string> }) {
  const field = (name: keyof Identifiers) => ({
    value: value[name],
    onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange({ ...value, [name]: e.currentTarget.value }),
    error: errors[`input.${name}`],
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <TextInput label="LEI" description="20 characters (ISO 17442)" {...field('lei')} />
      <TextInput label="VAT number" description="With its country prefix, e.g. DE123456789" {...field('vatNumber')} />
      <TextInput label="DUNS" description="9 digits" {...field('duns')} />
      <TextInput label="Company registry number" description="e.g. HRB 12345" {...field('nationalRegistryNumber')} />
    </SimpleGrid>
  );
}

export function TierFields({ value, onChange }: { value: Tier; onChange: (next: Tier) => void }) {
  const set = (patch: Partial<Tier>) => onChange({ ...value, ...patch });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      <Select
        label="Data it handles"
        data={options(['NONE', 'INTERNAL', 'CONFIDENTIAL', 'PERSONAL', 'SPECIAL_CATEGORY'])}
        value={value.dataSensitivity}
        allowDeselect={false}
        onChange={(v) => v && set({ dataSensitivity: v as DataSensitivity })}
      />
      <Select
        label="Access to our systems"
        data={options(['NONE', 'DATA', 'NETWORK', 'PRIVILEGED'])}
        value={value.accessLevel}
        allowDeselect={false}
        onChange={(v) => v && set({ accessLevel: v as AccessLevel })}
      />
      <Select
        label="How hard to replace"
        data={options(['EASY', 'MODERATE', 'HARD'])}
        value={value.substitutability}
        allowDeselect={false}
        onChange={(v) => v && set({ substitutability: v as Substitutability })}
      />
      <Switch label="Relevant to NIS 2" mt="lg" checked={value.nis2Relevant} onChange={(e) => set({ nis2Relevant: e.currentTarget.checked })} />
    </SimpleGrid>
  );
}
