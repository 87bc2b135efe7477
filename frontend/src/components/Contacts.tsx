// A supplier's contacts: who answers questionnaires and remediation for it. Administrators can
// erase a contact (GDPR Art. 17).
import { useState } from 'react';
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from 'urql';
import { usePermissions } from '../auth/permissions';
import { graphql } from '../gql';
import { errorMessage, fieldErrors } from '../lib/errors';
import { ErasePersonModal, type PersonToErase, isErased } from './ErasePersonModal';

const ADD = graphql(`
  mutation AddSupplierContact($id: UUID!, $input: NewContact!) {
    addSupplierContact(supplierId: $id, input: $input) {
      id
    }
  }
`);
const REMOVE = graphql(`
  mutation RemoveSupplierContact($id: UUID!) {
    removeSupplierContact(id: $id)
  }
`);

export function Contacts({
  supplierId,
  contacts,
  canWrite,
  changed,
}: {
  supplierId: string;
  contacts: { id: string; name: string; email: string; role?: string | null }[];
  canWrite: boolean;
  changed: () => void;
}) {
  const [added, add] = useMutation(ADD);
  const [removed, remove] = useMutation(REMOVE);
  const [form, setForm] = useState({ name: '', email: '', role: '' });
  const [erasing, setErasing] = useState<PersonToErase | null>(null);
  const { canAdminister } = usePermissions();
  const fields = fieldErrors(added.error);
  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await add({ id: supplierId, input: { name: form.name, email: form.email, role: form.role.trim() || null } });
    if (!result.error) {
      setForm({ name: '', email: '', role: '' });
      changed();
    }
  };
  return (
    <Stack gap="xs">
      {contacts.length === 0 && (
        <Text size="sm" c="dimmed">
          No contact yet: add one to send questionnaires.
        </Text>
      )}
      {contacts.map((c) => (
        <Group key={c.id} justify="space-between" wrap="nowrap">
          <Text size="sm">
            {c.name} &lt;{c.email}&gt;{c.role ? `, ${c.role}` : ''}
          </Text>
          <Group gap={4} wrap="nowrap">
            {canAdminister && !isErased(c.email) && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={`Erase ${c.name}`}
                onClick={() => setErasing({ kind: 'contact', id: c.id, name: c.name, email: c.email })}
              >
                Erase
              </Button>
            )}
            {canWrite && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="red"
                aria-label={`Remove ${c.name}`}
                onClick={async () => {
                  const r = await remove({ id: c.id });
                  if (!r.error) changed();
                }}
              >
                Remove
              </Button>
            )}
          </Group>
        </Group>
      ))}
      {removed.error && <Alert color="red">{errorMessage(removed.error)}</Alert>}
      {erasing && <ErasePersonModal person={erasing} onClose={() => setErasing(null)} onErased={changed} />}
      {canWrite && (
        <form onSubmit={submit} noValidate>
          <Stack gap={4}>
            <TextInput
              size="xs"
              aria-label="Contact name"
              placeholder="Name"
              value={form.name}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, name: v }));
              }}
              error={fields['input.name']}
            />
            <TextInput
              size="xs"
              aria-label="Contact e-mail"
              placeholder="E-mail"
              value={form.email}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, email: v }));
              }}
              error={fields['input.email']}
            />
            <TextInput
              size="xs"
              aria-label="Contact role"
              placeholder="Role, e.g. Security officer"
              value={form.role}
              onChange={(e) => {
                const v = e.currentTarget.value;
                setForm((f) => ({ ...f, role: v }));
              }}
              error={fields['input.role']}
            />
            <Button size="xs" variant="light" type="submit" loading={added.fetching}>
              Add contact
            </Button>
          </Stack>
        </form>
      )}
    </Stack>
  );
}
