import { describe, expect, it } from 'vitest';
import { CombinedError } from 'urql';
import { GraphQLError } from 'graphql';
import {
  domainOf,
  forgetSignIn,
  plausibleEmail,
  recallSignIn,
  refusalText,
  rememberSignIn,
  safeReturnPath,
  signInRefusal,
  ssoReturn,
  startUrlFor,
} from './singleSignOn';

describe('addresses worth asking about', () => {
  it('waits for a domain with a dot', () => {
    expect(plausibleEmail('bob')).toBeNull();
    expect(plausibleEmail('bob@')).toBeNull();
    expect(plausibleEmail('bob@acme')).toBeNull();
    expect(plausibleEmail('bob@acme.')).toBeNull();
    expect(plausibleEmail('@acme.example')).toBeNull();
    expect(plausibleEmail('bob smith@acme.example')).toBeNull();
    expect(plausibleEmail('  bob@acme.example ')).toBe('bob@acme.example');
    expect(plausibleEmail('bob.o@mail.acme.example')).toBe('bob.o@mail.acme.example');
  });

  it('reads the domain in lower case', () => {
    expect(domainOf('Bob@ACME.example ')).toBe('acme.example');
    expect(domainOf('bob')).toBe('');
  });
});

describe('the start URL', () => {
  it('hints the address typed now', () => {
    expect(startUrlFor('/api/sso/start?email=bo%40acme.example', ' bob+x@acme.example')).toBe('/api/sso/start?email=bob%2Bx%40acme.example');
  });

  it('goes nowhere but this origin', () => {
    expect(startUrlFor('https://evil.example/start', 'bob@acme.example')).toBeNull();
    expect(startUrlFor('//evil.example/start', 'bob@acme.example')).toBeNull();
    expect(startUrlFor('/\\evil.example/start', 'bob@acme.example')).toBeNull();
  });
});

describe('the way back from the provider', () => {
  it('takes the ticket and keeps the rest of the query', () => {
    expect(ssoReturn('?sso_ticket=abc-123&lang=de')).toEqual({ ticket: 'abc-123', error: null, search: '?lang=de' });
    expect(ssoReturn('?sso_ticket=abc')).toEqual({ ticket: 'abc', error: null, search: '' });
    expect(ssoReturn('')).toEqual({ ticket: null, error: null, search: '' });
  });

  it('reads the refusal in words', () => {
    const back = ssoReturn('?sso_error=your+e-mail+domain+is+not+one+your+organisation+signs+in+with');
    expect(back).toEqual({ ticket: null, error: 'your e-mail domain is not one your organisation signs in with', search: '' });
  });

  it('shows one bounded line of whatever the URL says', () => {
    expect(refusalText('line one\nline\u0007two')).toBe('line one line two');
    expect(refusalText('  ')).toBe('Single sign-on did not complete; sign in again.');
    const long = refusalText('x'.repeat(1000));
    expect(long).toHaveLength(300);
    expect(long.endsWith('…')).toBe(true);
  });
});

describe('the page to return to', () => {
  it('is a page of the portal, never another site or the sign-in page', () => {
    expect(safeReturnPath('/suppliers?status=active')).toBe('/suppliers?status=active');
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath('https://evil.example/')).toBe('/');
    expect(safeReturnPath('//evil.example/')).toBe('/');
    expect(safeReturnPath('/\\evil.example/')).toBe('/');
    expect(safeReturnPath('/login?sso_ticket=x')).toBe('/');
  });

  it('is remembered with the address across the round trip until forgotten', () => {
    const storage = new Map<string, string>();
    const fake = {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
      removeItem: (k: string) => void storage.delete(k),
    } as Storage;
    expect(recallSignIn(fake)).toBeNull();
    rememberSignIn({ from: '/findings/42', email: ' bob@acme.example ' }, fake);
    expect(recallSignIn(fake)).toEqual({ from: '/findings/42', email: 'bob@acme.example' });
    expect(recallSignIn(fake)).toEqual({ from: '/findings/42', email: 'bob@acme.example' });
    forgetSignIn(fake);
    expect(recallSignIn(fake)).toBeNull();
    rememberSignIn({ from: '//evil.example', email: '' }, fake);
    expect(recallSignIn(fake)?.from).toBe('/');
  });

  it('survives whatever else is stored under its name', () => {
    const fake = (value: string) => ({ getItem: () => value }) as unknown as Storage;
    expect(recallSignIn(fake('not json'))).toBeNull();
    expect(recallSignIn(fake('"/settings"'))).toBeNull();
    expect(recallSignIn(fake('{"from":"https://evil.example","email":7}'))).toEqual({ from: '/', email: '' });
  });
});

describe('a refused sign-in', () => {
  const refused = (code: string, message: string) => new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code } })] });
  const sso = 'your organisation signs in through its identity provider: choose "Sign in with single sign-on"';

  it('says why, also when forbidden', () => {
    expect(signInRefusal(refused('FORBIDDEN', sso))).toBe(sso);
    expect(signInRefusal(refused('UNAUTHENTICATED', 'wrong e-mail or password'))).toBe('wrong e-mail or password');
    expect(signInRefusal(undefined)).toBeNull();
  });
});
