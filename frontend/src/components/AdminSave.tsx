import { Button, Group, Text } from '@mantine/core';

/** The foot of a settings form: its save button for administrators, a line saying why there is
 * none for everyone else. */
export function AdminSave({ canAdminister, label, saving, readOnly }: { canAdminister: boolean; label: string; saving: boolean; readOnly: string }) {
  return canAdminister ? (
    <Group>
      <Button type="submit" loading={saving}>
        {label}
      </Button>
    </Group>
  ) : (
    <Text size="sm" c="dimmed">
      {readOnly}
    </Text>
  );
}
