// The small buttons every item of the template form has: move up and down, and remove (after a
// confirmation when something written would go with it). Each says what it does to which item.
import { useState } from 'react';
import { ActionIcon, Button, Group, Popover, Stack, Text } from '@mantine/core';

interface MoveProps {
  /** What moves, in words: "question GOV-02". */
  what: string;
  first: boolean;
  last: boolean;
  onMove: (by: -1 | 1) => void;
}

export function MoveButtons({ what, first, last, onMove }: MoveProps) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon variant="default" size="lg" aria-label={`Move ${what} up`} title="Move up" disabled={first} onClick={() => onMove(-1)}>
        <span aria-hidden>↑</span>
      </ActionIcon>
      <ActionIcon variant="default" size="lg" aria-label={`Move ${what} down`} title="Move down" disabled={last} onClick={() => onMove(1)}>
        <span aria-hidden>↓</span>
      </ActionIcon>
    </Group>
  );
}

interface RemoveProps {
  what: string;
  /** Asked before removing, when removing loses something written; removes at once without. */
  confirm?: string;
  onRemove: () => void;
}

export function RemoveButton({ what, confirm, onRemove }: RemoveProps) {
  const [opened, setOpened] = useState(false);
  const button = (
    <ActionIcon
      variant="default"
      size="lg"
      color="red"
      aria-label={`Remove ${what}`}
      title="Remove"
      onClick={() => (confirm ? setOpened((o) => !o) : onRemove())}
      aria-expanded={confirm ? opened : undefined}
    >
      <span aria-hidden>✕</span>
    </ActionIcon>
  );
  if (!confirm) return button;
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" withArrow trapFocus returnFocus>
      <Popover.Target>{button}</Popover.Target>
      <Popover.Dropdown maw={300}>
        <Stack gap="xs">
          <Text size="sm">{confirm}</Text>
          <Group gap="xs" justify="flex-end">
            <Button size="compact-sm" variant="default" onClick={() => setOpened(false)}>
              Keep it
            </Button>
            <Button
              size="compact-sm"
              color="red"
              onClick={() => {
                setOpened(false);
                onRemove();
              }}
            >
              Remove {what}
            </Button>
          </Group>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
