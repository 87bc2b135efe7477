// API tokens for GRC tools: the secret is shown once, when it is created; afterwards only its
// prefix, scope and use can be seen, and it can be revoked.
import { useState } from 'react';
import { Alert, Badge, Button, Code, CopyButton, Group, Select, Stack, Table, TextInput } from '@mantine/core';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { ApiTokenScope } from '../../gql/graphql';
import { errorMessage, fieldErrors } from '../../lib/errors';

const TOKENS = graphql(`
  query SettingsTokens {
    apiTokens {
      id
      name
      prefix
      scope
      active
      createdAt
      lastUsedAt
      expiresAt
    }
  }
`);
const CREATE = graphql(`
  mutation CreateApiToken($input: NewApiToken!) {
    createApiToken(input: $input) {
      token
      apiToken {
        id
      }
    }
  }
`);
const REVOKE = graphql(`
  mutation RevokeApiToken($id: UUID!) {
    revokeApiToken(id: $id) {
      id
      active
    }
  }
`);

export function ApiTokens() {
  const [{ data, error }, refetch] = useQuery({ query: TOKENS });
  const [created, create] = useMutation(CREATE);
  const [, revoke] = useMutation(REVOKE);
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('READ');
  const [secret, setSecret] = useState<string | null>(null);
  const fields = fieldErrors(created.error);
  const add = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await create({ input: { name, scope } });
    if (result.data) {
      setSecret(result.data.createApiToken.token);
      setName('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  return (
    <Stack>
      {error && <Alert color="red">{errorMessage(error)}</Alert>}
      {secret && (
        <Alert color="teal" title="Copy the token now: it is not shown again">
          <Group>
            <Code>{secret}</Code>
            <CopyButton value={secret}>
              {({ copied, copy }) => (
                <Button size="xs" onClick={copy}>
                  {copied ? 'Copied' : 'Copy'}
                </Button>
              )}
            </CopyButton>
          </Group>
        </Alert>
      )}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Prefix</Table.Th>
            <Table.Th>Scope</Table.Th>
            <Table.Th>Last used</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data?.apiTokens.map((t) => (
            <Table.Tr key={t.id}>
              <Table.Td>{t.name}</Table.Td>
              <Table.Td>
                <Code>{t.prefix}…</Code>
              </Table.Td>
              <Table.Td>{t.scope.toLowerCase().replace('_', ' ')}</Table.Td>
              <Table.Td>{t.lastUsedAt?.slice(0, 10) ?? 'never'}</Table.Td>
              <Table.Td>
                {t.active ? (
                  <Button size="compact-xs" color="red" variant="light" onClick={() => revoke({ id: t.id })}>
                    Revoke
                  </Button>
                ) : (
                  <Badge color="gray">revoked</Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <form onSubmit={add} noValidate>
        <Group align="end">
          <TextInput
            label="Token name"
            placeholder="e.g. GRC nightly sync"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields['input.name']}
          />
          <Select
            label="Scope"
            data={[
              { value: 'READ', label: 'read' },
              { value: 'READ_WRITE', label: 'read and write' },
            ]}
            value={scope}
            allowDeselect={false}
            onChange={(v) => setScope((v ?? 'READ') as ApiTokenScope)}
          />
          <Button type="submit" loading={created.fetching}>
            Create token
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
