import { describe, expect, it } from 'vitest';
import { RENEW_MARGIN_MS, needsRenewal, sessionFrom } from './session';

describe('session', () => {
  it('expires the access token expiresIn seconds after it was issued', () => {
    const session = sessionFrom({ accessToken: 'a', expiresIn: 900, refreshToken: 'r' }, 'user', 1_000);
    expect(session).toEqual({ accessToken: 'a', expiresAt: 901_000, refreshToken: 'r', kind: 'user' });
  });

  it('renews shortly before expiry, not earlier', () => {
    const session = sessionFrom({ accessToken: 'a', expiresIn: 900 }, 'respondent', 0);
    expect(needsRenewal(session, 900_000 - RENEW_MARGIN_MS - 1)).toBe(false);
    expect(needsRenewal(session, 900_000 - RENEW_MARGIN_MS)).toBe(true);
    expect(session.refreshToken).toBeUndefined();
  });
});

describe('session epochs', () => {
  it('changes on sign-in and sign-out, not on renewal', async () => {
    const { sessionEpoch, setSession } = await import('./session');
    setSession(null);
    const start = sessionEpoch();
    setSession(sessionFrom({ accessToken: 'a', expiresIn: 900, refreshToken: 'r' }, 'user'));
    expect(sessionEpoch()).toBe(start + 1);
    setSession(sessionFrom({ accessToken: 'b', expiresIn: 900, refreshToken: 's' }, 'user'));
    expect(sessionEpoch()).toBe(start + 1);
    setSession(null);
    expect(sessionEpoch()).toBe(start + 2);
  });
});
