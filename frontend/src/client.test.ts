import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient } from './client';
import { getSession, sessionFrom, setSession } from './auth/session';

const ME = 'query Me { me { canWriteRegister } }';

function respond(body: unknown) {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });
}

describe('the GraphQL client', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    setSession(null);
  });

  it('renews an access token about to expire through the refresh token, then sends the request with the new one', async () => {
    const seen: { query: string; authorization: string | null }[] = [];
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(String(init.body));
        seen.push({ query: body.query, authorization: new Headers(init.headers).get('Authorization') });
        if (body.query.includes('refresh(')) {
          return respond({ data: { refresh: { accessToken: 'fresh', expiresIn: 900, refreshToken: 'rotated' } } });
        }
        return respond({ data: { me: { canWriteRegister: true } } });
      }),
    );
    setSession(sessionFrom({ accessToken: 'stale', expiresIn: 10, refreshToken: 'first' }, 'user'));
    const result = await createClient('http://chainward.test/graphql').query(ME, {}).toPromise();
    expect(result.data).toEqual({ me: { canWriteRegister: true } });
    expect(seen.map((s) => [s.query.includes('refresh(') ? 'refresh' : 'me', s.authorization])).toEqual([
      ['refresh', null],
      ['me', 'Bearer fresh'],
    ]);
    expect(getSession()).toMatchObject({ accessToken: 'fresh', refreshToken: 'rotated' });
  });

  it('ends the session when the API says the caller is not signed in', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => respond({ errors: [{ message: 'sign in', extensions: { code: 'UNAUTHENTICATED' } }] })),
    );
    setSession(sessionFrom({ accessToken: 'revoked', expiresIn: 900 }, 'respondent'));
    await createClient('http://chainward.test/graphql').query(ME, {}).toPromise();
    expect(getSession()).toBeNull();
  });
});
