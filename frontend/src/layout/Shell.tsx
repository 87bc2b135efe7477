// The analyst's frame: navigation, who is signed in and sign-out.
import { AppShell, Burger, Group, NavLink, Text, Button, Badge } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { NavLink as RouterLink, useLocation } from 'react-router-dom';
import { useMutation } from 'urql';
import { useViewer } from '../auth/permissions';
import { graphql } from '../gql';
import { getSession, setSession } from '../auth/session';

const LOGOUT = graphql(`
  mutation Logout($token: String!) {
    logout(refreshToken: $token)
  }
`);

const PAGES = [
  { to: '/', label: 'Dashboard' },
  { to: '/suppliers', label: 'Suppliers' },
  { to: '/services', label: 'Services' },
  { to: '/graph', label: 'Dependency graph' },
  { to: '/campaigns', label: 'Campaigns' },
  { to: '/findings', label: 'Findings' },
  { to: '/templates', label: 'Templates' },
  { to: '/audit', label: 'Audit log' },
  { to: '/settings', label: 'Settings' },
];

export function Shell({ children }: { children: React.ReactNode }) {
  const [opened, { toggle, close }] = useDisclosure();
  const viewer = useViewer();
  const [, logout] = useMutation(LOGOUT);
  const location = useLocation();
  const signOut = async () => {
    const token = getSession()?.refreshToken;
    if (token) await logout({ token });
    setSession(null);
  };
  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Menu" />
            <Text fw={700}>Chainward</Text>
            <Text c="dimmed" size="sm" visibleFrom="sm">
              {viewer.organisation}
            </Text>
          </Group>
          <Group wrap="nowrap" gap="xs">
            {viewer.user && (
              <>
                <Text size="sm" visibleFrom="sm">
                  {viewer.user.displayName ?? viewer.user.email}
                </Text>
                <Badge variant="light">{viewer.user.role.toLowerCase()}</Badge>
              </>
            )}
            <Button variant="subtle" size="xs" onClick={signOut}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Main">
        {PAGES.map((page) => (
          <NavLink
            key={page.to}
            component={RouterLink}
            to={page.to}
            label={page.label}
            active={page.to === '/' ? location.pathname === '/' : location.pathname.startsWith(page.to)}
            onClick={close}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
