// A question before something is removed for good: what goes, a way back, and the API's
// refusal in words when there is one. `children` add to the question (e.g. a list of what
// happens, a field to type a confirmation into); `confirmDisabled` holds the button back.
import type { ReactNode } from 'react';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';

interface Props {
  opened: boolean;
  title: string;
  body: string;
  confirm: string;
  busy: boolean;
  problem: string | null;
  onConfirm: () => void;
  onClose: () => void;
  children?: ReactNode;
  confirmDisabled?: boolean;
}

export function ConfirmModal({ opened, title, body, confirm, busy, problem, onConfirm, onClose, children, confirmDisabled }: Props) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      <Stack>
        <Text size="sm">{body}</Text>
        {children}
        {problem && (
          <Alert color="red" role="alert">
            {problem}
          </Alert>
        )}
        <Group justify="end">
          <Button variant="default" onClick={onClose} data-autofocus>
            Go back
          </Button>
          <Button color="red" loading={busy} disabled={confirmDisabled} onClick={onConfirm}>
            {confirm}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
