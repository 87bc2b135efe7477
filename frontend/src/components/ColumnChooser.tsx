// Which optional columns a table shows, chosen from a menu of labelled checkboxes beside it
// (the table library's own header toggles are unnamed buttons inside sortable headers, which
// screen readers cannot use) and remembered in this browser.
import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { useLocalStorage } from '@mantine/hooks';

export interface Optional {
  accessor: string;
  title: string;
}

/** The hidden columns of table `key`, remembered in local storage, and a setter. */
export function useHiddenColumns(key: string, hiddenAtFirst: string[]) {
  return useLocalStorage<string[]>({ key: `chainward.columns.${key}`, defaultValue: hiddenAtFirst, getInitialValueInEffect: false });
}

export function ColumnChooser({ columns, hidden, onChange }: { columns: Optional[]; hidden: string[]; onChange: (hidden: string[]) => void }) {
  const toggle = (accessor: string, shown: boolean) => onChange(shown ? hidden.filter((h) => h !== accessor) : [...hidden, accessor]);
  return (
    <Popover position="bottom-end" withArrow shadow="md" trapFocus>
      <Popover.Target>
        <Button variant="default" size="xs">
          Columns
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs" role="group" aria-label="Columns shown">
          {columns.map((c) => (
            <Checkbox key={c.accessor} label={c.title} checked={!hidden.includes(c.accessor)} onChange={(e) => toggle(c.accessor, e.currentTarget.checked)} />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
