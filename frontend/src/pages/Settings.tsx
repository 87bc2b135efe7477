// Settings: the organisation's rules and how long its data is kept, for everyone to read; users,
// API tokens, webhooks and single sign-on for administrators.
import { Divider, Stack, Tabs, Title } from '@mantine/core';
import { usePermissions } from '../auth/permissions';
import { Organisation } from './settings/Organisation';
import { Retention } from './settings/Retention';
import { Users } from './settings/Users';
import { ApiTokens } from './settings/ApiTokens';
import { Webhooks } from './settings/Webhooks';
import { SingleSignOn } from './settings/SingleSignOn';

export default function Settings() {
  const { canAdminister } = usePermissions();
  return (
    <Stack>
      <Title order={1} size="h2">
        Settings
      </Title>
      <Tabs defaultValue="organisation" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="organisation">Organisation</Tabs.Tab>
          {canAdminister && <Tabs.Tab value="users">Users</Tabs.Tab>}
          {canAdminister && <Tabs.Tab value="tokens">API tokens</Tabs.Tab>}
          {canAdminister && <Tabs.Tab value="webhooks">Webhooks</Tabs.Tab>}
          {canAdminister && <Tabs.Tab value="sso">Single sign-on</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="organisation" pt="md">
          <Stack gap="xl">
            <Organisation canAdminister={canAdminister} />
            <Divider />
            <Retention canAdminister={canAdminister} />
          </Stack>
        </Tabs.Panel>
        {canAdminister && (
          <Tabs.Panel value="users" pt="md">
            <Users />
          </Tabs.Panel>
        )}
        {canAdminister && (
          <Tabs.Panel value="tokens" pt="md">
            <ApiTokens />
          </Tabs.Panel>
        )}
        {canAdminister && (
          <Tabs.Panel value="webhooks" pt="md">
            <Webhooks />
          </Tabs.Panel>
        )}
        {canAdminister && (
          <Tabs.Panel value="sso" pt="md">
            <SingleSignOn />
          </Tabs.Panel>
        )}
      </Tabs>
    </Stack>
  );
}
