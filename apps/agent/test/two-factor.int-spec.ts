import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { totpCodeAt } from '../src/auth/totp/totp-code';
import { ADMIN_PASSWORD, addUser, bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
afterEach(async () => agent.close());

const tokenOf = (res: { body: unknown }) => (res.body as { accessToken: string }).accessToken;
const login = (body: Record<string, unknown>) => agent.request('POST', '/api/v1/auth/login', { body: { username: 'alice', password: 'alice password 1', ...body } });
const code = (secret: string, offsetMs = 0) => totpCodeAt(secret, Date.now() + offsetMs);

/** Enrols alice: the secret (shown once) and the recovery codes. */
async function enrolAlice(token: string): Promise<{ secret: string; recoveryCodes: string[] }> {
  const started = await agent.request('POST', '/api/v1/auth/totp/enrolment', { token });
  expect(started.status).toBe(200);
  const { secret, otpauthUri } = started.body as { secret: string; otpauthUri: string };
  expect(otpauthUri).toBe(`otpauth://totp/sfha:alice?secret=${secret}&issuer=sfha`);
  const confirmed = await agent.request('POST', '/api/v1/auth/totp/confirm', { token, body: { code: code(secret) } });
  expect(confirmed.status).toBe(200);
  return { secret, recoveryCodes: (confirmed.body as { recoveryCodes: string[] }).recoveryCodes };
}

/** A POST from another loopback address (127.0.0.N): a different caller for the per-address limits. */
function postFrom(localAddress: string, path: string, body: unknown): Promise<{ status: number; body: { code?: string; message?: string } }> {
  const url = new URL(`${agent.url}${path}`);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { code?: string; message?: string } }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('TOTP two-factor login', () => {
  it('enrols with a first code, then login asks for a code (TOTP_REQUIRED), takes a fresh one once, and refuses wrong or replayed ones', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const alice = await addUser(agent, boot.token, 'alice', 'operator', 'alice password 1');
    const wrongFirst = await agent.request('POST', '/api/v1/auth/totp/confirm', { token: alice, body: { code: '000000' } });
    expect([wrongFirst.status, wrongFirst.body]).toMatchObject([409, { code: 'TOTP_ENROLMENT_MISSING' }]);
    const { secret, recoveryCodes } = await enrolAlice(alice);
    expect(recoveryCodes).toHaveLength(10);
    expect((await agent.request('GET', '/api/v1/auth/session', { token: alice })).body).toMatchObject({ totpEnabled: true });
    const again = await agent.request('POST', '/api/v1/auth/totp/enrolment', { token: alice });
    expect([again.status, again.body]).toMatchObject([409, { code: 'TOTP_ALREADY_ENABLED' }]);

    const required = await login({});
    expect([required.status, required.body]).toMatchObject([401, { code: 'TOTP_REQUIRED' }]);
    // A wrong password with a good code is still a wrong password.
    expect((await login({ password: 'not alice', totp: code(secret, 30_000) })).body).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    const wrong = await login({ totp: code(secret, 120_000) });
    expect([wrong.status, wrong.body]).toMatchObject([401, { code: 'TOTP_INVALID', message: 'wrong two-factor code' }]);
    // The enrolment used the current step: the next step's code (within the drift) logs in, once.
    const next = code(secret, 30_000);
    const ok = await login({ totp: next });
    expect(ok.status).toBe(200);
    expect((await agent.request('GET', '/api/v1/auth/session', { token: tokenOf(ok) })).body).toMatchObject({ subject: 'alice', kind: 'user' });
    const replayed = await login({ totp: next });
    expect([replayed.status, replayed.body]).toMatchObject([401, { code: 'TOTP_INVALID', message: 'this code was already used: wait for the next one' }]);
    expect((await login({ totp: code(secret) })).body).toMatchObject({ code: 'TOTP_INVALID' });

    // Never the secret again: not in the users list, the session, the events, the logs.
    const users = await agent.request('GET', '/api/v1/users', { token: boot.token });
    expect(users.body).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'alice', totpEnabled: true })]));
    const events = await agent.request('GET', '/api/v1/events?limit=50', { token: boot.token });
    expect((events.body as { code: string; user?: string }[]).find((e) => e.code === 'user.totp-enabled')).toMatchObject({ user: 'alice' });
    for (const text of [users.text, events.text, agent.logs.join('\n')]) {
      expect(text).not.toContain(secret);
      for (const recovery of recoveryCodes) expect(text).not.toContain(recovery);
    }
    // A restarted agent still knows the step: the same code is refused again.
    agent = await agent.restart();
    const replayedAfterRestart = await login({ totp: next });
    expect([replayedAfterRestart.status, replayedAfterRestart.body]).toMatchObject([401, { code: 'TOTP_INVALID', message: 'this code was already used: wait for the next one' }]);
  });

  it('takes each recovery code once instead of a code; disabling needs the password and a code; an admin resets it', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const alice = await addUser(agent, boot.token, 'alice', 'viewer', 'alice password 1');
    const { secret, recoveryCodes } = await enrolAlice(alice);
    const [first = '', second = ''] = recoveryCodes;
    const withRecovery = await login({ recoveryCode: first.toUpperCase() });
    expect(withRecovery.status).toBe(200);
    const reused = await login({ recoveryCode: first });
    expect([reused.status, reused.body]).toMatchObject([401, { code: 'TOTP_INVALID', message: 'wrong or already used recovery code' }]);
    const events = (await agent.request('GET', '/api/v1/events?limit=50', { token: boot.token })).body as { code: string; message: string }[];
    expect(events.find((e) => e.code === 'auth.recovery-code-used')?.message).toBe('alice logged in with a recovery code (9 left)');

    // The same code given twice at the same moment opens one session: the commit that spends it is refused once it is gone.
    const raced = await Promise.all([login({ recoveryCode: second }), login({ recoveryCode: second })]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 401]);
    const third = recoveryCodes[2] ?? '';

    const token = tokenOf(withRecovery);
    const noCode = await agent.request('POST', '/api/v1/auth/totp/disable', { token, body: { password: 'alice password 1' } });
    expect([noCode.status, noCode.body]).toMatchObject([401, { code: 'TOTP_REQUIRED' }]);
    const badPassword = await agent.request('POST', '/api/v1/auth/totp/disable', { token, body: { password: 'nope', totp: code(secret, 30_000) } });
    expect([badPassword.status, badPassword.body]).toMatchObject([401, { code: 'INVALID_CREDENTIALS' }]);
    expect((await agent.request('GET', '/api/v1/auth/session', { token })).body).toMatchObject({ totpEnabled: true });
    const generation = async () => ((await agent.request('GET', '/api/v1/cluster/config', { token: boot.token })).body as { generation: number }).generation;
    const before = await generation();
    const off = await agent.request('POST', '/api/v1/auth/totp/disable', { token, body: { password: 'alice password 1', recoveryCode: third } });
    expect(off.status).toBe(204);
    // One commit turns it off (the recovery code is checked, not spent first): nothing half-applied when a commit fails.
    expect(await generation()).toBe(before + 1);
    expect((await login({})).status).toBe(200);
    const notOn = await agent.request('POST', '/api/v1/auth/totp/disable', { token, body: { password: 'alice password 1', totp: '123456' } });
    expect([notOn.status, notOn.body]).toMatchObject([409, { code: 'TOTP_NOT_ENABLED' }]);

    // A lost phone: an admin turns it off; alice logs in with her password alone.
    await enrolAlice(tokenOf(await login({})));
    expect((await login({})).body).toMatchObject({ code: 'TOTP_REQUIRED' });
    expect((await agent.request('DELETE', '/api/v1/users/alice/totp', { token: alice })).status).toBe(403);
    expect((await agent.request('DELETE', '/api/v1/users/alice/totp', { token: boot.token })).status).toBe(204);
    expect((await login({})).status).toBe(200);
    const nobody = await agent.request('DELETE', '/api/v1/users/nobody/totp', { token: boot.token });
    expect([nobody.status, nobody.body]).toMatchObject([404, { code: 'USER_NOT_FOUND' }]);
  });

  it("is refused to API tokens, and leaves the CLI's root-local access passwordless", async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const { secret: apiToken } = (await agent.request('POST', '/api/v1/api-tokens', { token: boot.token, body: { name: 'ci', role: 'admin' } })).body as { secret: string };
    expect((await agent.request('POST', '/api/v1/auth/totp/enrolment', { token: apiToken })).status).toBe(403);
    const started = (await agent.request('POST', '/api/v1/auth/totp/enrolment', { token: boot.token })).body as { secret: string };
    expect((await agent.request('POST', '/api/v1/auth/totp/confirm', { token: boot.token, body: { code: code(started.secret) } })).status).toBe(200);
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } })).body).toMatchObject({ code: 'TOTP_REQUIRED' });
    const { readFileSync } = await import('node:fs');
    const { credential } = JSON.parse(readFileSync(`${agent.dataDir}/local-admin.json`, 'utf8')) as { credential: string };
    const local = await agent.request('POST', '/api/v1/auth/local', { body: { credential } });
    expect(local.status).toBe(200);
  });
});

describe('rate limits and lockout', () => {
  it('locks a user after 10 failures from any addresses, even for the right password from a new address; other users go on', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    await addUser(agent, boot.token, 'alice', 'viewer', 'alice password 1');
    await addUser(agent, boot.token, 'bob', 'viewer', 'bob password 123');
    // 4 + 4 + 2 failures from three addresses: no address reaches its own limit (5).
    for (const [address, n] of [
      ['127.0.0.2', 4],
      ['127.0.0.3', 4],
      ['127.0.0.4', 2],
    ] as const) {
      for (let i = 0; i < n; i++) expect((await postFrom(address, '/api/v1/auth/login', { username: 'alice', password: `guess ${i}` })).status).toBe(401);
    }
    const locked = await postFrom('127.0.0.5', '/api/v1/auth/login', { username: 'alice', password: 'alice password 1' });
    expect([locked.status, locked.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(locked.body.message).toMatch(/^too many failed logins for this user: try again in (8\d\d|900) s$/);
    expect((await postFrom('127.0.0.5', '/api/v1/auth/login', { username: 'bob', password: 'bob password 123' })).status).toBe(200);
    const events = (await agent.request('GET', '/api/v1/events?limit=50', { token: boot.token })).body as { code: string; message: string }[];
    expect(events.filter((e) => e.code === 'auth.user-locked').map((e) => e.message)).toEqual(['user alice locked out for 15 min after 10 failed logins']);
  });

  it("throttles an address per route: 5 failures on the local route leave that address's password login alone", async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    for (let i = 0; i < 5; i++) expect((await postFrom('127.0.0.6', '/api/v1/auth/local', { credential: `junk ${i}` })).status).toBe(401);
    expect((await postFrom('127.0.0.6', '/api/v1/auth/local', { credential: 'junk' })).status).toBe(429);
    expect((await postFrom('127.0.0.6', '/api/v1/auth/login', { password: ADMIN_PASSWORD })).status).toBe(200);
    for (let i = 0; i < 5; i++) await postFrom('127.0.0.7', '/api/v1/auth/login', { username: 'nobody', password: `guess ${i}` });
    const throttled = await postFrom('127.0.0.7', '/api/v1/auth/login', { password: ADMIN_PASSWORD });
    expect([throttled.status, throttled.body.message]).toEqual([429, expect.stringMatching(/^too many failed attempts: try again in \d+ s$/)]);
    expect((await postFrom('127.0.0.8', '/api/v1/auth/login', { password: ADMIN_PASSWORD })).status).toBe(200);
  });
});
