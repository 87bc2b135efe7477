// GraphiQL, bundled with the portal and served from Chainward itself: no CDN, so it works on a
// machine without internet and tells no third party who explores the API. Requests carry the
// portal's session when this tab has one (renewed like the portal does); otherwise paste an
// API token into the headers editor: {"Authorization": "Bearer cw_..."}.
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import type { Fetcher } from '@graphiql/toolkit';
import 'graphiql/style.css';
import { getSession, needsRenewal, sessionFrom, setSession } from '../auth/session';

const REFRESH = 'mutation Refresh($token: String!) { refresh(refreshToken: $token) { accessToken expiresIn refreshToken } }';

async function post(body: unknown, headers: Record<string, string>): Promise<unknown> {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify(body),
  });
  return response.json();
}

/** The portal session's access token, renewed first when it is about to expire. */
async function accessToken(): Promise<string | null> {
  const session = getSession();
  if (!session) return null;
  if (session.refreshToken && needsRenewal(session)) {
    const result = (await post({ query: REFRESH, variables: { token: session.refreshToken } }, {})) as {
      data?: { refresh?: { accessToken: string; expiresIn: number; refreshToken: string } };
    };
    const renewed = result.data?.refresh;
    setSession(renewed ? sessionFrom(renewed, 'user') : null);
    return renewed?.accessToken ?? null;
  }
  return session.accessToken;
}

const fetcher: Fetcher = async (params, options) => {
  const token = await accessToken();
  const typed = (options?.headers ?? {}) as Record<string, string>;
  const headers = token && !Object.keys(typed).some((h) => h.toLowerCase() === 'authorization') ? { Authorization: `Bearer ${token}`, ...typed } : typed;
  return post(params, headers) as ReturnType<Fetcher>;
};

const DEFAULT_QUERY = `# Chainward's GraphQL API. Signed in to the portal in this tab, you query as yourself;
# otherwise add an API token in the headers below: {"Authorization": "Bearer <token>"}.
{
  suppliers(first: 5) {
    totalCount
    edges { node { legalName country status rating } }
  }
}
`;

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultQuery={DEFAULT_QUERY} />);
