import { describe, expect, it } from 'vitest';
import { SESSION_KEY, startEarlyRequests, takeEarly } from './early-requests';

/** A window with a session (or none) whose fetch records what was asked. */
function fakeWindow(session: { token: string; expiresAt: string } | null) {
  const asked: { path: string; authorization: string | null }[] = [];
  const storage = new Map<string, string>(session ? [[SESSION_KEY, JSON.stringify(session)]] : []);
  const win = {
    location: { href: 'http://node1:7780/', origin: 'http://node1:7780' },
    sessionStorage: { getItem: (key: string) => storage.get(key) ?? null },
    fetch: (path: string, init: { headers: Record<string, string> }) => {
      asked.push({ path, authorization: init.headers.Authorization ?? null });
      return Promise.resolve(new Response(`{"path":"${path}"}`));
    },
  };
  return { win: win as unknown as Window, asked };
}

const later = new Date(Date.now() + 3_600_000).toISOString();
const get = (path: string, token?: string) => new Request(`http://node1:7780${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe('early requests of the first screen', () => {
  it('asks a signed-in tab for the auth state, this node and the membership, with its token', () => {
    const { win, asked } = fakeWindow({ token: 'abc', expiresAt: later });
    startEarlyRequests(win);
    expect(asked).toEqual([
      { path: '/api/v1/auth/state', authorization: 'Bearer abc' },
      { path: '/api/v1/status', authorization: 'Bearer abc' },
      { path: '/api/v1/cluster/status', authorization: 'Bearer abc' },
    ]);
  });

  it('asks a signed-out tab (or an expired session) for the auth state alone, without a token', () => {
    const { win, asked } = fakeWindow({ token: 'old', expiresAt: new Date(Date.now() - 1000).toISOString() });
    startEarlyRequests(win);
    expect(asked).toEqual([{ path: '/api/v1/auth/state', authorization: null }]);
  });

  it('hands each answer over once, to the same GET with the same session', async () => {
    const { win } = fakeWindow({ token: 'abc', expiresAt: later });
    startEarlyRequests(win);
    const answer = takeEarly(get('/api/v1/status', 'abc'), win);
    expect(await (await answer)?.json()).toEqual({ path: '/api/v1/status' });
    expect(takeEarly(get('/api/v1/status', 'abc'), win)).toBeUndefined();
  });

  it('lets the client ask again for another session, a query string, another method or an unknown path', () => {
    const { win } = fakeWindow({ token: 'abc', expiresAt: later });
    startEarlyRequests(win);
    expect(takeEarly(get('/api/v1/cluster/status', 'other'), win)).toBeUndefined();
    expect(takeEarly(get('/api/v1/status?x=1', 'abc'), win)).toBeUndefined();
    expect(takeEarly(new Request('http://node1:7780/api/v1/auth/state', { method: 'POST' }), win)).toBeUndefined();
    expect(takeEarly(get('/api/v1/events', 'abc'), win)).toBeUndefined();
    // The answer asked with another session was dropped, not kept for later.
    expect(takeEarly(get('/api/v1/cluster/status', 'abc'), win)).toBeUndefined();
  });
});
