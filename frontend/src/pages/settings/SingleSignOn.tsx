// The organisation's identity provider (administrators): the redirect URI to register there,
// the issuer and client, the e-mail domains that sign in through it, which group gives which
// role, and whether passwords are kept for break-glass administrators only. The client secret
// is never shown again once saved.
import { useEffect, useState } from 'react';
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  CopyButton,
  Fieldset,
  Group,
  Modal,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from 'urql';
import { useViewer } from '../../auth/permissions';
import { AdminSave } from '../../components/AdminSave';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { errorMessage } from '../../lib/errors';
import { type ProviderForm, REFUSE, formFrom, inputFrom, listProblem, placedFields } from '../../lib/identityProvider';
import { problemsAt, unplacedProblem } from '../../lib/problems';

const PROVIDER = graphql(`
  query SettingsIdentityProvider {
    identityProvider {
      issuerUrl
      clientId
      clientSecretSet
      callbackUrl
      allowedDomains
      groupsClaim
      roleMapping {
        group
        role
      }
      defaultRole
      ssoRequired
      breakGlass
      updatedAt
    }
    singleSignOnCallbackUrl
    users {
      id
      email
      role
      active
    }
  }
`);
const CONFIGURE = graphql(`
  mutation ConfigureIdentityProvider($input: IdentityProviderInput!) {
    configureIdentityProvider(input: $input) {
      issuerUrl
      clientSecretSet
      updatedAt
    }
  }
`);
const REMOVE = graphql(`
  mutation RemoveIdentityProvider {
    removeIdentityProvider
  }
`);

const ROLES: { value: Role; label: string }[] = [
  { value: 'ADMIN', label: 'admin' },
  { value: 'ANALYST', label: 'analyst' },
  { value: 'VIEWER', label: 'viewer' },
];
const DEFAULT_ROLES = [{ value: REFUSE, label: 'refused: no access' }, ...ROLES.map((r) => ({ value: r.value, label: `signed in as ${r.label}` }))];

export function SingleSignOn() {
  const [{ data, error }, refetch] = useQuery({ query: PROVIDER });
  const [saved, save] = useMutation(CONFIGURE);
  const [removed, remove] = useMutation(REMOVE);
  const me = useViewer().user?.email;
  const [form, setForm] = useState<ProviderForm | null>(null);
  const [confirming, setConfirming] = useState(false);
  useEffect(() => {
    if (data) setForm(formFrom(data.identityProvider, me));
  }, [data, me]);
  if (!form || !data) return error ? <Alert color="red">{errorMessage(error)}</Alert> : null;

  const provider = data.identityProvider;
  // The server's public URL, known before the first save too.
  const callbackUrl = data.singleSignOnCallbackUrl;
  const admins = data.users.filter((u) => u.role === 'ADMIN' && u.active).map((u) => u.email);
  const fields = problemsAt(saved.error);
  const unplaced = unplacedProblem(saved.error, placedFields(fields));
  const set = (change: Partial<ProviderForm>) => setForm({ ...form, ...change });
  const setRow = (index: number, change: Partial<ProviderForm['roleMapping'][number]>) =>
    set({ roleMapping: form.roleMapping.map((row, i) => (i === index ? { ...row, ...change } : row)) });

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const result = await save({ input: inputFrom(form) });
    if (!result.error) {
      notifications.show({
        color: 'teal',
        title: 'Single sign-on saved',
        message: form.ssoRequired
          ? 'Passwords now work for the break-glass administrators only.'
          : 'People of these domains may now sign in through the provider.',
      });
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const confirmRemove = async () => {
    const result = await remove({});
    if (!result.error) {
      setConfirming(false);
      notifications.show({ color: 'teal', title: 'Single sign-on removed', message: 'Everyone signs in with a Chainward password again.' });
      refetch({ requestPolicy: 'network-only' });
    }
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="sso-title">
      <Stack>
        <Group gap="sm">
          <Title order={2} size="h5" id="sso-title">
            Identity provider (single sign-on)
          </Title>
          {provider ? (
            <Badge color="teal" variant="light">
              {provider.ssoRequired ? 'required' : 'on'}
            </Badge>
          ) : (
            <Badge color="gray" variant="light">
              off
            </Badge>
          )}
        </Group>
        <Text size="sm">
          People of your organisation sign in with their company account through your identity provider (OpenID Connect: Microsoft Entra ID, Okta, Keycloak,
          Google Workspace and others). Their role in Chainward follows their groups at the provider, at every sign-in; someone new is added at their first
          sign-in.
          {provider && ` Last changed ${provider.updatedAt.slice(0, 16).replace('T', ' ')}.`}
        </Text>
        <Group align="end" gap="xs" wrap="nowrap">
          <TextInput
            label="Redirect URI to register at the provider"
            description="Register Chainward at the provider as a web application with this redirect URI and the authorization code flow."
            readOnly
            value={callbackUrl}
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
          />
          <CopyButton value={callbackUrl}>
            {({ copied, copy }) => (
              <Button variant="light" onClick={copy} aria-label={copied ? 'Copied the redirect URI' : 'Copy the redirect URI'}>
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
        {unplaced && <Alert color="red">{unplaced}</Alert>}
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Issuer URL"
            description="Read from the provider's discovery document when you save."
            placeholder="https://login.example.com/realms/staff"
            value={form.issuerUrl}
            onChange={(e) => set({ issuerUrl: e.currentTarget.value })}
            error={fields['input.issuerUrl']}
          />
          <TextInput
            label="Client ID"
            description="The ID the provider gave Chainward."
            value={form.clientId}
            onChange={(e) => set({ clientId: e.currentTarget.value })}
            error={fields['input.clientId']}
          />
          <PasswordInput
            label="Client secret"
            description={provider?.clientSecretSet ? 'Saved; leave empty to keep.' : 'The secret the provider issued for Chainward.'}
            placeholder={provider?.clientSecretSet ? 'saved' : undefined}
            autoComplete="new-password"
            value={form.clientSecret}
            onChange={(e) => set({ clientSecret: e.currentTarget.value })}
            error={fields['input.clientSecret']}
          />
          <TextInput
            label="Groups claim"
            description='The ID token claim that lists the groups: "groups" at most providers.'
            value={form.groupsClaim}
            onChange={(e) => set({ groupsClaim: e.currentTarget.value })}
            error={fields['input.groupsClaim']}
          />
        </SimpleGrid>
        <TagsInput
          label="E-mail domains"
          description="People with an address at these domains sign in through the provider. Press Enter after each."
          placeholder="example.com"
          splitChars={[',', ' ', ';']}
          value={form.allowedDomains}
          onChange={(allowedDomains) => set({ allowedDomains })}
          error={listProblem(fields, 'input.allowedDomains', form.allowedDomains)}
        />
        <Fieldset legend="Groups and roles">
          <Stack gap="xs">
            <Text size="sm">The first group of the list the person is in at the provider gives their role.</Text>
            {form.roleMapping.map((row, i) => (
              <Group key={i} align="start" gap="xs" wrap="nowrap">
                <TextInput
                  aria-label={`Group ${i + 1}`}
                  placeholder="group at the provider"
                  style={{ flex: 1 }}
                  value={row.group}
                  onChange={(e) => setRow(i, { group: e.currentTarget.value })}
                  error={fields[`input.roleMapping[${i}].group`]}
                />
                <Select
                  aria-label={`Role of group ${i + 1}`}
                  data={ROLES}
                  value={row.role}
                  allowDeselect={false}
                  w={130}
                  onChange={(role) => role && setRow(i, { role: role as Role })}
                  error={fields[`input.roleMapping[${i}].role`]}
                />
                <ActionIcon
                  variant="subtle"
                  color="red"
                  size="lg"
                  aria-label={`Remove group ${i + 1}`}
                  onClick={() => set({ roleMapping: form.roleMapping.filter((_, j) => j !== i) })}
                >
                  ×
                </ActionIcon>
              </Group>
            ))}
            <Group>
              <Button variant="light" size="xs" onClick={() => set({ roleMapping: [...form.roleMapping, { group: '', role: 'VIEWER' }] })}>
                Add a group
              </Button>
            </Group>
            <Select
              label="People in none of these groups"
              description="Refused, or signed in with one role for everyone else the provider vouches for."
              data={DEFAULT_ROLES}
              value={form.defaultRole}
              allowDeselect={false}
              maw={320}
              onChange={(role) => role && set({ defaultRole: role as ProviderForm['defaultRole'] })}
              error={fields['input.defaultRole']}
            />
          </Stack>
        </Fieldset>
        <Switch
          label="Single sign-on required"
          description="Passwords then work only for the break-glass administrators below: someone whose account the provider disables cannot sign in with a password kept from before. Everyone else chooses “Sign in with single sign-on”."
          checked={form.ssoRequired}
          onChange={(e) => set({ ssoRequired: e.currentTarget.checked })}
          error={fields['input.ssoRequired']}
        />
        <TagsInput
          label="Break-glass administrators"
          description="Administrators of your organisation who may still sign in with a password, should the provider be down. At least one when single sign-on is required."
          placeholder="administrator's e-mail"
          data={admins}
          splitChars={[',', ' ', ';']}
          value={form.breakGlass}
          onChange={(breakGlass) => set({ breakGlass })}
          error={listProblem(fields, 'input.breakGlass', form.breakGlass)}
        />
        <Group justify="space-between">
          <AdminSave canAdminister label="Save single sign-on" saving={saved.fetching} readOnly="" />
          {provider && (
            <Button variant="light" color="red" onClick={() => setConfirming(true)}>
              Remove single sign-on
            </Button>
          )}
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title="Remove single sign-on?">
        <Stack>
          <Text size="sm">
            Everyone of your organisation signs in with a Chainward password again. People added through single sign-on have no password, so they cannot sign in
            until single sign-on is set up again. The settings above are forgotten, the client secret too.
          </Text>
          {removed.error && <Alert color="red">{errorMessage(removed.error)}</Alert>}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              Go back
            </Button>
            <Button color="red" loading={removed.fetching} onClick={confirmRemove}>
              Remove
            </Button>
          </Group>
        </Stack>
      </Modal>
    </form>
  );
}
