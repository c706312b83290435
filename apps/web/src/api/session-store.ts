import { useSyncExternalStore } from 'react';

/** The admin JWT of this tab. Kept in sessionStorage: gone when the tab closes. */
interface Session {
  token: string;
  expiresAt: string;
}

const KEY = 'sfha.session';
const listeners = new Set<() => void>();
let reason: 'expired' | null = null;

function read(): Session | null {
  try {
    const session = JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Session | null;
    return session && new Date(session.expiresAt).getTime() > Date.now() ? session : null;
  } catch {
    return null;
  }
}

let current = read();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function emit(): void {
  listeners.forEach((l) => l());
}

const token = (): string | null => current?.token ?? null;

export const sessionStore = {
  token,
  start(token: string, expiresAt: string): void {
    current = { token, expiresAt };
    reason = null;
    sessionStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  /** Ends the session; `expired` tells the login page to say why. */
  end(why: 'expired' | null = null): void {
    current = null;
    reason = why;
    sessionStorage.removeItem(KEY);
    emit();
  },
  endReason: () => reason,
  subscribe,
};

/** Re-renders when the admin logs in or out. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(subscribe, token);
}
