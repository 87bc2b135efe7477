import { useEffect, useState } from 'react';
import { type Session, getSession, onSessionChange } from './session';

/** The current session, re-rendering on sign-in, renewal and sign-out. */
export function useSession(): Session | null {
  const [session, setState] = useState(getSession);
  useEffect(() => onSessionChange(setState), []);
  return session;
}
