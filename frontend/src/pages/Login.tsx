// Sign-in: e-mail and password, then back to the page that asked for it.
import { useState } from 'react';
import { Alert, Button, Center, Paper, PasswordInput, Stack, TextInput, Title, Text } from '@mantine/core';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useMutation } from 'urql';
import { graphql } from '../gql';
import { sessionFrom, setSession } from '../auth/session';
import { useSession } from '../auth/useSession';
import { errorMessage, fieldErrors } from '../lib/errors';

const LOGIN = graphql(`
  mutation Login($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      accessToken
      expiresIn
      refreshToken
    }
  }
`);

export default function Login() {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, login] = useMutation(LOGIN);
  const navigate = useNavigate();
  const location = useLocation();
  const session = useSession();
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (session?.kind === 'user') return <Navigate to={from} replace />;
  const fields = fieldErrors(result.error);

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    const answer = await login({ email: email.trim(), password });
    if (answer.data) {
      setSession(sessionFrom(answer.data.login, 'user'));
      navigate(from, { replace: true });
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} maw="100%">
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
            {result.error && !Object.keys(fields).length && (
              <Alert color="red" role="alert">
                {errorMessage(result.error)}
              </Alert>
            )}
            <TextInput
              label="E-mail"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={fields.email}
            />
            <PasswordInput
              label="Password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fields.password}
            />
            <Button type="submit" loading={result.fetching}>
              Sign in
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
