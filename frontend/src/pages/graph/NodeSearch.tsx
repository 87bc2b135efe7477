// The graph's search: any supplier or service of the register, found on the server as you type
// (the page holds only a portion of the graph), to centre the graph on. Services first.
import { useState } from 'react';
import { Group, Select, Text, defaultOptionsFilter } from '@mantine/core';
import { type Found, type Matches, useRegisterSearch } from '../../components/dependencies/registerSearch';

interface Props {
  /** The node the graph is centred on, once known. */
  value: { id: string; name: string } | null;
  onPick: (id: string | null) => void;
  /** Suppliers in the register, once known. */
  supplierCount?: number;
}

export default function NodeSearch({ value, onPick, supplierCount }: Props) {
  const [search, setSearch] = useState('');
  const { term, settled, fetching, suppliers, services } = useRegisterSearch(search, { suppliers: true, services: true });
  const beside = new Map<string, string>();
  const group = (name: string, matches: Matches, note: (f: Found) => string) => {
    const found = matches.found ?? [];
    for (const f of found) beside.set(f.id, note(f));
    const more = matches.total > found.length ? ` (${found.length} of ${matches.total.toLocaleString('en')}: type more of the name)` : '';
    return { group: `${name}${more}`, items: found.map((f) => ({ value: f.id, label: f.name })) };
  };
  const groups = [group('Services', services, () => 'service'), group('Suppliers', suppliers, (f) => f.rating ?? 'not rated')].filter((g) => g.items.length);
  const listed = groups.some((g) => g.items.some((i) => i.value === value?.id));
  const data = value && !listed ? [{ value: value.id, label: value.name }, ...groups] : groups;

  return (
    <Select
      label="Find a supplier or service"
      placeholder={supplierCount === undefined ? 'Search the register' : `Search ${supplierCount.toLocaleString('en')} suppliers and the services`}
      searchable
      clearable
      clearButtonProps={{ 'aria-label': 'Clear the search' }}
      w={340}
      data={data}
      value={value?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={onPick}
      // The server has matched already (identifiers too): show what it found as it is; while the
      // next search is on its way, the last one's matches narrowed by name.
      filter={(input) => (settled ? input.options : (defaultOptionsFilter(input) as typeof input.options))}
      nothingFoundMessage={fetching ? 'Searching…' : term ? `No supplier or service matches "${term}"` : 'No supplier or service yet'}
      maxDropdownHeight={360}
      renderOption={({ option }) => (
        <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
          <Text size="sm">{option.label}</Text>
          {beside.get(option.value) && (
            <Text size="xs" c="dimmed">
              {beside.get(option.value)}
            </Text>
          )}
        </Group>
      )}
    />
  );
}
