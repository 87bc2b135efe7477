// Picks one supplier (or one of your services) by searching the register on the server as you
// type (./registerSearch.ts: at most 20 matches are fetched, so a register of 100,000 suppliers
// is never loaded). The search matches part of a legal name or an identifier (LEI, VAT,
// D-U-N-S, registry number). Choices that cannot be taken (the supplier itself, a dependency
// already recorded) stay listed, disabled with the reason.
import { useState } from 'react';
import { Group, Select, Stack, Text } from '@mantine/core';
import { useRegisterSearch } from './registerSearch';

export interface Picked {
  id: string;
  name: string;
}

interface Props {
  kind: 'supplier' | 'service';
  label: string;
  value: Picked | null;
  onChange: (picked: Picked | null) => void;
  /** Ids that cannot be picked, with the reason shown beside them. */
  unavailable?: ReadonlyMap<string, string>;
  error?: string;
}

export function SupplierPicker({ kind, label, value, onChange, unavailable, error }: Props) {
  const [search, setSearch] = useState('');
  const { term, fetching, ...matches } = useRegisterSearch(search, { suppliers: kind === 'supplier', services: kind === 'service' });
  const { found, total } = kind === 'supplier' ? matches.suppliers : matches.services;
  const details = new Map((found ?? []).map((f) => [f.id, f.detail]));
  const data = (found ?? []).map((f) => ({ value: f.id, label: f.name, disabled: unavailable?.has(f.id) ?? false }));
  if (value && !data.some((d) => d.value === value.id)) data.unshift({ value: value.id, label: value.name, disabled: false });
  const noun = kind === 'supplier' ? 'supplier' : 'service';
  const hint =
    found && total > found.length
      ? `${found.length} of ${total.toLocaleString('en')} matches shown: type more of the name to narrow them down.`
      : kind === 'supplier'
        ? 'Type part of the legal name, or an identifier (LEI, VAT, D-U-N-S).'
        : 'Type part of the name of the service.';

  return (
    <Select
      label={label}
      description={hint}
      required
      searchable
      data-autofocus
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
      // The server has matched already (identifiers too): show what it found as it is.
      filter={({ options }) => options}
      nothingFoundMessage={fetching ? 'Searching…' : term ? `No ${noun} matches "${term}"` : `No ${noun} yet`}
      maxDropdownHeight={320}
      error={error}
      renderOption={({ option }) => (
        <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
          <Stack gap={0}>
            <Text size="sm">{option.label}</Text>
            {details.get(option.value) && (
              <Text size="xs" c="dimmed">
                {details.get(option.value)}
              </Text>
            )}
          </Stack>
          {unavailable?.get(option.value) && (
            <Text size="xs" c="dimmed" ta="right">
              {unavailable.get(option.value)}
            </Text>
          )}
        </Group>
      )}
    />
  );
}
