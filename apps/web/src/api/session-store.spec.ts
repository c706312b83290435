import { beforeAll, describe, expect, it } from 'vitest';

// The store keeps its session in the tab's sessionStorage: a Map stands in for it here.
beforeAll(() => {
  const items = new Map<string, string>();
  (globalThis as { sessionStorage?: unknown }).sessionStorage = {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
});

const future = () => new Date(Date.now() + 3_600_000).toISOString();

describe('session store across a join', () => {
  it('a join that returns after the admin logged in again leaves the new session alone', async () => {
    const { sessionStore } = await import('./session-store');
    sessionStore.start('node-own-session', future());
    sessionStore.joining(true);
    const started = sessionStore.token();
    // Part-way through, the node adopted the cluster's users: a poll's 401 ends the session as "joined".
    sessionStore.end('expired');
    expect(sessionStore.endReason()).toBe('joined');
    sessionStore.start('cluster-session', future());
    // The join's answer arrives now.
    expect(sessionStore.endIfStill(started, 'joined')).toBe(false);
    expect(sessionStore.token()).toBe('cluster-session');
  });

  it('a join that returns first ends the session it started with, saying why', async () => {
    const { sessionStore } = await import('./session-store');
    sessionStore.start('node-own-session', future());
    sessionStore.joining(true);
    expect(sessionStore.endIfStill(sessionStore.token(), 'joined')).toBe(true);
    expect(sessionStore.token()).toBeNull();
    expect(sessionStore.endReason()).toBe('joined');
  });
});
