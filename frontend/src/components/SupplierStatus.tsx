// A supplier's life cycle in the portal: the moves its status allows (prospect -> onboarding ->
// active -> offboarding -> terminated, and back where the rules allow), each with a reason
// for the audit log.
import { useState } from 'react';
import { Alert, Button, Group, Menu, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import type { SupplierStatus as Status } from '../gql/graphql';
import { errorMessage } from '../lib/errors';
import { words } from '../lib/format';

const CHANGE = graphql(`
  mutation ChangeSupplierStatus($id: UUID!, $status: SupplierStatus!, $reason: String) {
    changeSupplierStatus(id: $id, status: $status, reason: $reason) {
      id
      status
      allowedNextStatuses
    }
  }
`);

export function SupplierStatus({ supplier, changed }: { supplier: { id: string; status: Status; allowedNextStatuses: Status[] }; changed: () => void }) {
  const [to, setTo] = useState<Status | null>(null);
  const [reason, setReason] = useState('');
  const [changing, change] = useMutation(CHANGE);
  if (!supplier.allowedNextStatuses.length) return null;
  const confirm = async () => {
    if (!to) return;
    const result = await change({ id: supplier.id, status: to, reason: reason.trim() || null });
    if (!result.error) {
      setTo(null);
      setReason('');
      changed();
    }
  };
  return (
    <>
      <Menu position="bottom-end">
        <Menu.Target>
          <Button size="xs" variant="default">
            Status: {words(supplier.status)}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Move to</Menu.Label>
          {supplier.allowedNextStatuses.map((s) => (
            <Menu.Item key={s} onClick={() => setTo(s)}>
              {words(s)}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      <Modal opened={to !== null} onClose={() => setTo(null)} title={to ? `Move to ${words(to)}` : ''}>
        <Stack>
          <Text size="sm">
            From {words(supplier.status)} to {to && words(to)}. The reason goes to the audit log.
          </Text>
          <Textarea label="Reason" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          {changing.error && (
            <Alert color="red" role="alert">
              {errorMessage(changing.error)}
            </Alert>
          )}
          <Group justify="end">
            <Button variant="default" onClick={() => setTo(null)}>
              Go back
            </Button>
            <Button loading={changing.fetching} onClick={confirm}>
              Move to {to && words(to)}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
