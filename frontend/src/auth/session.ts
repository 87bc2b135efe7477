// The signed-in session: a short-lived access token kept in memory and the rotated refresh
// token in sessionStorage (gone when the tab closes). A respondent session holds only the
// access token its invitation link was exchanged for.

export interface Session {
  accessToken: string;
  /** Milliseconds since the epoch when the access token expires. */
  expiresAt: number;
  /** Absent for respondents: their session ends with the access token. */
  refreshToken?: string;
  kind: 'user' | 'respondent';
}

const STORAGE_KEY = 'chainward.session';
/** Renew this long before the access token expires, so that no request races the expiry. */
export const RENEW_MARGIN_MS = 30_000;

let current: Session | null = load();
const listeners = new Set<(session: Session | null) => void>();

function load(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

export function getSession(): Session | null {
  return current;
}

/** Counts sign-ins and sign-outs (not renewals): whatever was cached for one session must not
 * be shown in the next. */
let epoch = 0;

export function sessionEpoch(): number {
  return epoch;
}

export function setSession(session: Session | null): void {
  if (!current !== !session || current?.kind !== session?.kind) epoch += 1;
  current = session;
  if (session) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(session));
  else sessionStorage.removeItem(STORAGE_KEY);
  listeners.forEach((listener) => listener(session));
}

export function onSessionChange(listener: (session: Session | null) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A session from the API's `login`, `refresh` or `exchangeInvitation` answer. */
export function sessionFrom(
  payload: { accessToken: string; expiresIn: number; refreshToken?: string | null },
  kind: Session['kind'],
  now = Date.now(),
): Session {
  return {
    accessToken: payload.accessToken,
    expiresAt: now + payload.expiresIn * 1000,
    refreshToken: payload.refreshToken ?? undefined,
    kind,
  };
}

/** Whether the access token should be renewed before the next request. */
export function needsRenewal(session: Session, now = Date.now()): boolean {
  return session.expiresAt - now <= RENEW_MARGIN_MS;
}
