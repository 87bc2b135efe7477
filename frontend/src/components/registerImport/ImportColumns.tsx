// The columns of the register's suppliers sheet and what each is read as: the person importing
// corrects one (or leaves it out) and previews the same file again with the corrected layout.
import { Alert, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { type RegisterLayout, NOT_IMPORTED, fieldChoices, fieldOf, withField } from '../../lib/registerLayout';

const CHOICES = fieldChoices();

export function ImportColumns({
  layout,
  onChange,
  edited,
  busy,
  problem,
  onPreview,
  onUndo,
}: {
  layout: RegisterLayout;
  onChange: (next: RegisterLayout) => void;
  /** Whether the layout differs from the one previewed. */
  edited: boolean;
  busy: boolean;
  /** Why the last preview (of a corrected layout) failed. */
  problem: string | null;
  onPreview: () => void;
  onUndo: () => void;
}) {
  const sheet = layout.suppliers;
  return (
    <Stack gap="xs">
      <Title order={3} size="h4">
        Columns
      </Title>
      <Text size="sm">
        How each column of the sheet &ldquo;{sheet.sheet}&rdquo; is read (headers on row {sheet.header_row}). Correct a column, then preview again.
      </Text>
      <Table striped verticalSpacing={4} aria-label={`Columns of the sheet ${sheet.sheet}`}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={60}>Column</Table.Th>
            <Table.Th>Header</Table.Th>
            <Table.Th>Read as</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {sheet.columns.map((c) => (
            <Table.Tr key={c.column} data-column={c.column}>
              <Table.Td>{c.column}</Table.Td>
              <Table.Td style={{ overflowWrap: 'break-word', hyphens: 'auto' }}>{c.header || '(no header)'}</Table.Td>
              <Table.Td miw={150}>
                <Select
                  size="xs"
                  aria-label={`Column ${c.column} (${c.header || 'no header'}) read as`}
                  data={CHOICES}
                  value={c.field ?? NOT_IMPORTED}
                  onChange={(value) => onChange(withField(layout, c.column, fieldOf(value)))}
                  allowDeselect={false}
                  searchable
                  maxDropdownHeight={260}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group gap="xs">
        <Button size="xs" variant={edited ? 'filled' : 'default'} disabled={!edited} loading={busy} onClick={onPreview}>
          Preview again
        </Button>
        {edited && (
          <Button size="xs" variant="subtle" onClick={onUndo}>
            Undo my corrections
          </Button>
        )}
      </Group>
      {problem && (
        <Alert color="red" role="alert">
          {problem}
        </Alert>
      )}
    </Stack>
  );
}
