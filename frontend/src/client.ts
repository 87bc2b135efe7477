// The GraphQL client: every request carries the session's access token, renewed through the
// refresh token shortly before it expires; an UNAUTHENTICATED answer ends the session.
import { Client, cacheExchange, fetchExchange, mapExchange } from 'urql';
import { authExchange } from '@urql/exchange-auth';
import { getSession, needsRenewal, sessionFrom, setSession } from './auth/session';

const REFRESH = `mutation Refresh($token: String!) { refresh(refreshToken: $token) { accessToken expiresIn refreshToken } }`;

export function createClient(url = '/graphql'): Client {
  return new Client({
    url,
    preferGetMethod: false,
    requestPolicy: 'cache-and-network',
    exchanges: [
      cacheExchange,
      mapExchange({
        onError(error) {
          const unauthenticated = error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
          if (unauthenticated) setSession(null);
        },
      }),
      authExchange(async (utils) => ({
        addAuthToOperation(operation) {
          const session = getSession();
          // The refresh token is the credential of a renewal: an expired access token beside it
          // would only get the request refused.
          const renewal = operation.query.definitions.some((d) => d.kind === 'OperationDefinition' && d.name?.value === 'Refresh');
          return session && !renewal ? utils.appendHeaders(operation, { Authorization: `Bearer ${session.accessToken}` }) : operation;
        },
        willAuthError() {
          const session = getSession();
          return !!session?.refreshToken && needsRenewal(session);
        },
        didAuthError(error) {
          return error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED');
        },
        async refreshAuth() {
          const session = getSession();
          if (!session?.refreshToken) {
            setSession(null);
            return;
          }
          const result = await utils.mutate(REFRESH, { token: session.refreshToken });
          const payload = result.data?.refresh;
          setSession(payload ? sessionFrom(payload, 'user') : null);
        },
      })),
      fetchExchange,
    ],
  });
}
