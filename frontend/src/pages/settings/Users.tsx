// Users and their roles (administrators): invite with a first password, change role, deactivate,
// erase (GDPR Art. 17; anyone but yourself).
import { useState } from 'react';
import { Alert, Badge, Button, Group, PasswordInput, Select, Stack, Switch, Table, TextInput, VisuallyHidden } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/permissions';
import { ErasePersonModal, type PersonToErase, isErased } from '../../components/ErasePersonModal';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';

const USERS = graphql(`
  query SettingsUsers {
    users {
      id
      email
      displayName
      role
      active
      lastLoginAt
    }
  }
`);
const CREATE = graphql(`
  mutation CreateUser($input: NewUser!) {
    createUser(input: $input) {
      id
    }
  }
`);
const UPDATE = graphql(`
  mutation UpdateUser($id: UUID!, $input: UserPatch!) {
    updateUser(id: $id, input: $input) {
      id
      role
      active
    }
  }
`);
const ROLES: Role[] = ['ADMIN', 'ANALYST', 'VIEWER'];

export function Users() {
  const [{ data, error }, refetch] = useQuery({ query: USERS });
  const [created, create] = useMutation(CREATE);
  const [updated, update] = useMutation(UPDATE);
  const [form, setForm] = useState({ email: '', displayName: '', role: 'ANALYST', password: '' });
  const [erasing, setErasing] = useState<PersonToErase | null>(null);
  const me = useViewer().user?.id;
  const fields = fieldErrors(created.error);
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { ...form, role: form.role as Role, displayName: form.displayName || null } });
    if (!result.error) {
      setForm({ email: '', displayName: '', role: 'ANALYST', password: '' });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Stack>
      {(error || updated.error) && <Alert color="red">{errorMessage(error ?? updated.error)}</Alert>}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>User</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Active</Table.Th>
            <Table.Th>Last sign-in</Table.Th>
            <Table.Th>
              <VisuallyHidden>Actions</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.users.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>
                {u.displayName ?? u.email}{' '}
                {u.displayName && (
                  <Badge variant="outline" size="xs">
                    {u.email}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>
                <Select
                  aria-label={`Role of ${u.email}`}
                  data={ROLES.map((r) => ({ value: r, label: r.toLowerCase() }))}
                  value={u.role}
                  allowDeselect={false}
                  w={140}
                  onChange={(role) => role && update({ id: u.id, input: { role: role as Role } })}
                />
              </Table.Td>
              <Table.Td>
                <Switch
                  aria-label={`${u.email} active`}
                  checked={u.active}
                  onChange={(e) => update({ id: u.id, input: { active: e.currentTarget.checked } })}
                />
              </Table.Td>
              <Table.Td>{u.lastLoginAt?.slice(0, 16).replace('T', ' ') ?? 'never'}</Table.Td>
              <Table.Td>
                {me && u.id !== me && !isErased(u.email) && (
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    aria-label={`Erase ${u.email}`}
                    onClick={() => setErasing({ kind: 'user', id: u.id, name: u.displayName ?? u.email, email: u.email })}
                  >
                    Erase
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {erasing && <ErasePersonModal person={erasing} onClose={() => setErasing(null)} onErased={() => refetch({ requestPolicy: 'network-only' })} />}
      <form onSubmit={add} noValidate>
        <Group align="end" wrap="wrap">
          <TextInput
            label="E-mail"
            type="email"
            value={form.email}
            onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
            error={fields['input.email']}
          />
          <TextInput
            label="Name"
            value={form.displayName}
            onChange={(e) => setForm({ ...form, displayName: e.currentTarget.value })}
            error={fields['input.displayName']}
          />
          <Select
            label="Role"
            data={ROLES.map((r) => ({ value: r, label: r.toLowerCase() }))}
            value={form.role}
            allowDeselect={false}
            w={140}
            onChange={(role) => setForm({ ...form, role: role ?? 'ANALYST' })}
          />
          <PasswordInput
            label="First password"
            description="At least 12 characters"
            value={form.password}
            onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
            error={fields['input.password']}
          />
          <Button type="submit" loading={created.fetching}>
            Add user
          </Button>
        </Group>
        {created.error && !Object.keys(fields).length && (
          <Alert color="red" mt="xs">
            {errorMessage(created.error)}
          </Alert>
        )}
      </form>
    </Stack>
  );
}
