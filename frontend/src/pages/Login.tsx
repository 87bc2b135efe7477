// Sign-in: e-mail and password, or, where the address's organisation signs in through its
// identity provider, single sign-on; then back to the page that asked for it. The provider
// sends the person back here with a one-time ticket (`?sso_ticket=`), exchanged for a session
// at once and taken out of the address bar, or with the reason it refused (`?sso_error=`).
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Center, Divider, Loader, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation, useQuery } from 'urql';
import { graphql } from '../gql';
import { sessionFrom, setSession } from '../auth/session';
import { useSession } from '../auth/useSession';
import { fieldErrors } from '../lib/errors';
import {
  domainOf,
  forgetSignIn,
  plausibleEmail,
  recallSignIn,
  rememberSignIn,
  safeReturnPath,
  signInRefusal,
  ssoReturn,
  startUrlFor,
} from '../lib/singleSignOn';

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresIn
      refreshToken
    }
  }
`);
const OPTIONS = graphql(`
  query SignInOptions($email: String!) {
    signInOptions(email: $email) {
      singleSignOn
      required
      startUrl
    }
  }
`);
const COMPLETE = graphql(`
  mutation CompleteSingleSignOn($ticket: String!) {
    completeSingleSignOn(ticket: $ticket) {
      accessToken
      expiresIn
      refreshToken
    }
  }
`);

/** How long typing pauses before the page asks how the address signs in. */
const ASK_AFTER_MS = 400;
/** Tickets sent for exchange while this page is loaded: each works once. */
const redeemed = new Set<string>();

export default function Login() {
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  // What the provider's redirect brought, read once: the address bar loses it below.
  const [back] = useState(() => ssoReturn(location.search));
  const [pending] = useState(() => (back.ticket || back.error ? recallSignIn() : null));
  const [email, setEmail] = useState(() => (back.error ? (pending?.email ?? '') : ''));
  const [password, setPassword] = useState('');
  const [asked, setAsked] = useState<string | null>(() => plausibleEmail(email));
  const [leaving, setLeaving] = useState(false);
  const [result, login] = useMutation(LOGIN);
  const [completed, complete] = useMutation(COMPLETE);
  const [options] = useQuery({ query: OPTIONS, variables: { email: asked ?? '' }, pause: !asked });
  const handled = useRef(false);
  const from = safeReturnPath((location.state as { from?: string } | null)?.from ?? pending?.from);

  // How the address signs in is asked once typing pauses (or the field is left).
  useEffect(() => {
    const address = plausibleEmail(email);
    if (!address) return;
    const timer = setTimeout(() => setAsked(address), ASK_AFTER_MS);
    return () => clearTimeout(timer);
  }, [email]);

  useEffect(() => {
    if (handled.current || (!back.ticket && !back.error)) return;
    handled.current = true;
    // The ticket works once and must not stay in the history or a bookmark.
    navigate({ pathname: location.pathname, search: back.search }, { replace: true, state: location.state });
    forgetSignIn();
    if (back.ticket && !redeemed.has(back.ticket)) {
      redeemed.add(back.ticket);
      void complete({ ticket: back.ticket }).then((answer) => {
        if (answer.data) setSession(sessionFrom(answer.data.completeSingleSignOn, 'user'));
      });
    }
  }, [back, complete, location.pathname, location.state, navigate]);

  if (session?.kind === 'user') return <Navigate to={from} replace />;
  const fields = fieldErrors(result.error);
  // The answer about the address typed (or an earlier spelling of an address at the same domain).
  const answered = options.operation?.variables.email;
  const current = plausibleEmail(email);
  const sso = current && answered && domainOf(answered) === domainOf(current) && options.data?.signInOptions.singleSignOn ? options.data.signInOptions : null;
  const startUrl = sso?.startUrl && current ? startUrlFor(sso.startUrl, current) : null;

  const startSingleSignOn = () => {
    if (!startUrl) return;
    rememberSignIn({ from, email });
    setLeaving(true);
    window.location.assign(startUrl);
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    // Enter in the address field of an organisation that signs in through its provider.
    if (startUrl && !password) return startSingleSignOn();
    const answer = await login({ email: email.trim(), password });
    if (answer.data) setSession(sessionFrom(answer.data.login, 'user'));
  };

  const redeeming = !!back.ticket && !completed.error;
  const refusal = result.error && !Object.keys(fields).length ? signInRefusal(result.error) : null;
  const ssoRefusal = completed.error ? signInRefusal(completed.error) : back.error;

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
        {redeeming ? (
          <Stack align="center" py="md">
            <Loader aria-label="Signing you in" />
            <Text>Signing you in…</Text>
          </Stack>
        ) : (
          <form onSubmit={submit} noValidate>
            <Stack>
              <div>
                <Title order={1} size="h2">
                  Chainward
                </Title>
                <Text c="dimmed" size="sm">
                  Sign in to your supplier risk workspace.
                </Text>
              </div>
              {ssoRefusal && (
                <Alert color="red" role="alert" title="Single sign-on did not sign you in">
                  {ssoRefusal}
                </Alert>
              )}
              {refusal && (
                <Alert color="red" role="alert">
                  {refusal}
                </Alert>
              )}
              <TextInput
                label="E-mail"
                type="email"
                autoComplete="username"
                required
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                onBlur={() => {
                  const address = plausibleEmail(email);
                  if (address) setAsked(address);
                }}
                error={fields.email}
              />
              {sso && (
                <>
                  <Button size="md" onClick={startSingleSignOn} loading={leaving} disabled={!startUrl}>
                    Sign in with single sign-on
                  </Button>
                  {sso.required ? (
                    <Text size="sm">
                      Your organisation signs in through its identity provider. Passwords are only for its break-glass administrators, should the provider be
                      down.
                    </Text>
                  ) : (
                    <Text size="sm">Your organisation signs in through its identity provider; a Chainward password works too.</Text>
                  )}
                  <Divider label={sso.required ? 'Break-glass administrators' : 'or with a password'} labelPosition="center" />
                </>
              )}
              <PasswordInput
                label="Password"
                autoComplete="current-password"
                required={!sso}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fields.password}
              />
              <Button type="submit" variant={sso ? 'default' : 'filled'} loading={result.fetching}>
                {sso ? 'Sign in with password' : 'Sign in'}
              </Button>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
