import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
});
afterAll(async () => agent.close());

const logIn = async (password: string) => ((await agent.request('POST', '/api/v1/auth/login', { body: { password } })).body as { accessToken: string }).accessToken;

interface Event {
  id: number;
  origin: string;
  code: string;
  params: Record<string, unknown>;
  category: string;
  severity: string;
  message: string;
}

describe('event timeline', () => {
  it('records admin actions, newest first, and filters by category', async () => {
    const all = (await agent.request('GET', '/api/v1/events', { token })).body as Event[];
    expect(all[0]).toMatchObject({ code: 'auth.password-set', category: 'admin', severity: 'info', message: 'admin password set (first run)' });
    expect(all[0]?.params).toHaveProperty('ip');
    expect(typeof all[0]?.origin).toBe('string');
    expect((await agent.request('GET', '/api/v1/events?category=fencing', { token })).body).toEqual([]);
    expect(((await agent.request('GET', '/api/v1/events?severity=error', { token })).body as Event[]).every((e) => e.severity === 'error')).toBe(true);
    expect((await agent.request('GET', '/api/v1/events?user=nobody', { token })).body).toEqual([]);
    const bad = await agent.request('GET', '/api/v1/events?category=bogus&limit=5000', { token });
    expect(bad.status).toBe(400);
    expect((bad.body as { message: string }).message).toContain('category must be one of the following values');
    expect((bad.body as { message: string }).message).toContain('limit must not be greater than 1000');
  });

  it('resumes after an id with the events right after it, none skipped', async () => {
    const all = (await agent.request('GET', '/api/v1/events?limit=1000', { token })).body as Event[];
    // Two events: the password changed, then back (a password change ends the session: log in again).
    await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: ADMIN_PASSWORD, newPassword: 'a temporary password' } });
    token = await logIn('a temporary password');
    await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'a temporary password', newPassword: ADMIN_PASSWORD } });
    token = await logIn(ADMIN_PASSWORD);
    const newest = all[0]?.id ?? 0;
    const next = (await agent.request('GET', `/api/v1/events?after=${newest}&limit=1`, { token })).body as Event[];
    const both = (await agent.request('GET', `/api/v1/events?after=${newest}`, { token })).body as Event[];
    expect(both.length).toBeGreaterThanOrEqual(2);
    expect(next.map((e) => e.id)).toEqual([both.at(-1)?.id]); // the oldest after `newest`, not the newest
  });

  it('streams new events live over SSE', async () => {
    const controller = new AbortController();
    const res = await fetch(`${agent.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: ADMIN_PASSWORD, newPassword: 'another long password' } });
    let text = '';
    const deadline = Date.now() + 5_000;
    while (!text.includes('password of admin changed') && Date.now() < deadline) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
    controller.abort();
    expect(text).toMatch(/^id: \d+$/m);
    expect(text).toMatch(/^event: admin$/m);
    expect(text).toContain('"code":"user.password-changed"');
    expect(text).toContain('"message":"password of admin changed"');
  });
});
