import { useSyncExternalStore } from 'react';
import { SESSION_KEY } from '../early/early-requests';

/** The admin JWT of this tab. Kept in sessionStorage: gone when the tab closes. */
interface Session {
  token: string;
  expiresAt: string;
}

const KEY = SESSION_KEY;
const listeners = new Set<() => void>();
/** Why the last session ended: it expired, or this node joined a cluster and now uses the cluster's users. */
export type EndReason = 'expired' | 'joined';
let reason: EndReason | null = null;
let joining = false;

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
    joining = false;
    sessionStorage.setItem(KEY, JSON.stringify(current));
    emit();
  },
  /**
   * This node is joining a cluster: it adopts the cluster's users part-way through, so a 401
   * from then on (a poll, the event stream) means "joined", not "expired" (ended with false when the join fails).
   */
  joining(on: boolean): void {
    joining = on;
  },
  /** Ends the session; the reason tells the login page what to say. */
  end(why: EndReason | null = null): void {
    // Already ended: the first reason stands (a late 401 after a join must not say "expired").
    if (current === null) return;
    current = null;
    reason = joining && why === 'expired' ? 'joined' : why;
    sessionStorage.removeItem(KEY);
    emit();
  },
  /**
   * Ends the session only if it is still `token`'s: a join that returns after the admin has
   * already logged in again (the node adopted the cluster's users part-way through the join,
   * a poll got a 401, the login page was shown) must not end the new session.
   */
  endIfStill(token: string | null, why: EndReason): boolean {
    if (current?.token !== token) {
      joining = false;
      return false;
    }
    this.end(why);
    return true;
  },
  endReason: () => reason,
  subscribe,
};

/** Re-renders when the admin logs in or out. */
export function useSessionToken(): string | null {
  return useSyncExternalStore(subscribe, token);
}
