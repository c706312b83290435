import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bootTestAgent, setUpAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
beforeEach(async () => {
  agent = await bootTestAgent();
});
afterEach(async () => agent.close());

describe('first run', () => {
  it('has no default password: login is refused until the admin sets one', async () => {
    expect((await agent.request('GET', '/api/v1/auth/state')).body).toEqual({ setupRequired: true, setupCodeRequired: false });
    const login = await agent.request('POST', '/api/v1/auth/login', { body: { password: 'admin' } });
    expect(login.status).toBe(409);
    expect(login.body).toMatchObject({ code: 'SETUP_REQUIRED', message: 'no admin password yet: complete the first-run setup' });
  });

  it('prints a one-time setup code in the log at first boot', () => {
    const line = agent.logs.find((l) => l.includes('first run'));
    expect(line).toMatch(/setup code [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/);
  });

  it('lets the password be set once, from this machine, and logs the admin in', async () => {
    const weak = await agent.request('POST', '/api/v1/auth/setup', { body: { password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body).toMatchObject({ message: 'password must be longer than or equal to 12 characters' });

    const first = await agent.request('POST', '/api/v1/auth/setup', { body: { password: ADMIN_PASSWORD } });
    expect(first.status).toBe(200);
    const token = (first.body as { accessToken: string }).accessToken;
    expect((await agent.request('GET', '/api/v1/status', { token })).status).toBe(200);

    const again = await agent.request('POST', '/api/v1/auth/setup', { body: { password: 'another password!!' } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'ALREADY_SET_UP' });
    // The first password still works, the second was not applied.
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: 'another password!!' } })).status).toBe(401);
    expect((await agent.request('GET', '/api/v1/auth/state')).body).toEqual({ setupRequired: false, setupCodeRequired: false });
  });
});

describe('login', () => {
  it('returns a JWT that expires after the configured lifetime', async () => {
    await setUpAdmin(agent);
    const before = Date.now();
    const res = await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } });
    expect(res.status).toBe(200);
    const body = res.body as { accessToken: string; tokenType: string; expiresAt: string };
    expect(body.tokenType).toBe('Bearer');
    const lifetime = new Date(body.expiresAt).getTime() - before;
    expect(lifetime).toBeGreaterThan(3590_000);
    expect(lifetime).toBeLessThanOrEqual(3601_000);
    const session = await agent.request('GET', '/api/v1/auth/session', { token: body.accessToken });
    expect(session.body).toEqual({ subject: 'admin', role: 'admin', kind: 'user', actor: 'admin', expiresAt: body.expiresAt, totpEnabled: false });
  });

  it('refuses a wrong password, then throttles the caller after 5 failures', async () => {
    await setUpAdmin(agent);
    for (let i = 0; i < 5; i++) {
      const res = await agent.request('POST', '/api/v1/auth/login', { body: { password: `wrong-${i}` } });
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong password' });
    }
    const throttled = await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } });
    expect(throttled.status).toBe(429);
    expect((throttled.body as { message: string }).message).toMatch(/^too many failed attempts: try again in \d+ s$/);
  });

  it('changes the password only with the current one', async () => {
    const token = await setUpAdmin(agent);
    const wrong = await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 'nope', newPassword: 'a brand new password' } });
    expect(wrong.status).toBe(401);
    const ok = await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: ADMIN_PASSWORD, newPassword: 'a brand new password' } });
    expect(ok.status).toBe(204);
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: 'a brand new password' } })).status).toBe(200);
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } })).status).toBe(401);
  });
});

describe('local credential (root on the node, no password)', () => {
  it('is written 0600 and exchanged for a token from loopback, before any password exists', async () => {
    const file = join(agent.dataDir, 'local-admin.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const { url, credential } = JSON.parse(readFileSync(file, 'utf8')) as { url: string; credential: string };
    expect(url).toBe(agent.url);
    const res = await agent.request('POST', '/api/v1/auth/local', { body: { credential } });
    expect(res.status).toBe(200);
    const token = (res.body as { accessToken: string }).accessToken;
    expect((await agent.request('GET', '/api/v1/status', { token })).body).toMatchObject({ nodeName: 'test-node', setupComplete: false });
    const wrong = await agent.request('POST', '/api/v1/auth/local', { body: { credential: `${credential}x` } });
    expect(wrong.status).toBe(401);
  });
});
