// The sign-in page's side of single sign-on: which addresses are worth asking about, the
// provider's start URL for the address typed, what the server's redirect back brought
// (`?sso_ticket=` or `?sso_error=`), and the page to return to across the round trip through
// the provider (a full page navigation, which loses the router's state).
import type { CombinedError } from 'urql';
import { errorMessage } from './errors';

const RETURN_KEY = 'chainward.sso.pending';
/** The longest refusal shown: the message comes from the URL, which anyone can write. */
const MAX_REFUSAL = 300;

/** The address, trimmed, when it looks complete enough to ask how it signs in (a domain with a
 * dot); null while it is still being typed. */
export function plausibleEmail(value: string): string | null {
  const email = value.trim();
  const at = email.lastIndexOf('@');
  if (at < 1 || /\s/.test(email)) return null;
  const domain = email.slice(at + 1);
  return /^[^.@]+(\.[^.@]+)+$/.test(domain) ? email : null;
}

/** The domain of an address, lower case ('' when there is none). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0
    ? ''
    : email
        .slice(at + 1)
        .trim()
        .toLowerCase();
}

/** The server's start URL for `email`: the address it was asked about may be an earlier spelling
 * of the same domain's address, so the address the provider is hinted is the one typed now.
 * Null for anything but a path of this origin. */
export function startUrlFor(startUrl: string, email: string): string | null {
  if (!startUrl.startsWith('/') || startUrl.startsWith('//') || startUrl.startsWith('/\\')) return null;
  const url = new URL(startUrl, 'http://portal.invalid');
  url.searchParams.set('email', email.trim());
  return `${url.pathname}${url.search}`;
}

export interface SsoReturn {
  /** The one-time ticket of a finished sign-in. */
  ticket: string | null;
  /** Why the sign-in was refused, in words. */
  error: string | null;
  /** The rest of the query string (with its `?`, or ''), to put back in the address bar. */
  search: string;
}

/** What the server's redirect back to the sign-in page brought, and the query without it. */
export function ssoReturn(search: string): SsoReturn {
  const params = new URLSearchParams(search);
  const ticket = params.get('sso_ticket')?.trim() || null;
  const raw = params.get('sso_error');
  params.delete('sso_ticket');
  params.delete('sso_error');
  const rest = params.toString();
  return { ticket, error: raw === null ? null : refusalText(raw), search: rest ? `?${rest}` : '' };
}

/** A refusal from the URL as it may be shown: one line, no control characters, not too long. */
export function refusalText(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const line = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  if (!line) return 'Single sign-on did not complete; sign in again.';
  return line.length > MAX_REFUSAL ? `${line.slice(0, MAX_REFUSAL - 1)}…` : line;
}

/** `path` if it is a page of the portal to go back to after signing in, else the dashboard. */
export function safeReturnPath(path: string | null | undefined): string {
  if (!path || !path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return '/';
  if (path === '/login' || path.startsWith('/login?') || path.startsWith('/login/')) return '/';
  return path;
}

/** What the sign-in page keeps while the person is at the provider. */
export interface PendingSignIn {
  /** The page they wanted. */
  from: string;
  /** The address they typed, shown again if they come back refused. */
  email: string;
}

/** Keeps the page the person wanted and their address while they sign in at the provider (this
 * tab only). */
export function rememberSignIn(pending: PendingSignIn, storage: Storage = sessionStorage): void {
  try {
    storage.setItem(RETURN_KEY, JSON.stringify({ from: safeReturnPath(pending.from), email: pending.email.trim() }));
  } catch {
    // Storage refused (private mode): they land on the dashboard.
  }
}

/** What `rememberSignIn` kept (read without side effects: a render may read it twice). */
export function recallSignIn(storage: Storage = sessionStorage): PendingSignIn | null {
  try {
    const kept = JSON.parse(storage.getItem(RETURN_KEY) ?? 'null') as Partial<PendingSignIn> | null;
    if (!kept || typeof kept !== 'object') return null;
    return { from: safeReturnPath(kept.from), email: typeof kept.email === 'string' ? kept.email : '' };
  } catch {
    return null;
  }
}

/** Forgets what `rememberSignIn` kept, once the way back from the provider is taken. */
export function forgetSignIn(storage: Storage = sessionStorage): void {
  try {
    storage.removeItem(RETURN_KEY);
  } catch {
    // Nothing was kept.
  }
}

/** A refusal of a sign-in in words: the API's own sentence, also for FORBIDDEN (which elsewhere
 * reads "not allowed"), since here it says why: the organisation signs in through its
 * identity provider, or the account is deactivated. */
export function signInRefusal(error: CombinedError | undefined): string | null {
  const first = error?.graphQLErrors[0];
  if (first?.extensions?.code === 'FORBIDDEN' && first.message) return first.message;
  return errorMessage(error);
}
