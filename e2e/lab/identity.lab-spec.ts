import { generateSync } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster } from './cluster-helpers';
import { hostIp, hostNetnsPath, machineUrl, AGENT_PORT } from './lab-layout';
import { lab, labOk, sfhaJson } from './lab-runner';
import { sh } from './lab-system';

/**
 * Issue 12 on three real agents: one cluster to its users. Users made on node1 log in on node2
 * and node3; a lockout on node1 holds on node2; a password change on node3 ends the sessions on
 * node1; TOTP enrolled on node1 is asked for and accepted on node2, and its code is good once
 * in the whole cluster.
 */

interface Answer {
  status: number;
  body: { accessToken?: string; code?: string; message?: string; [key: string]: unknown };
}

/** A call to node<i>'s API from the machine (through the lab gateway). */
async function call(i: number, method: string, path: string, body?: unknown, token?: string, timeoutMs = 20_000): Promise<Answer> {
  const res = await fetch(`${machineUrl(i)}/api/v1${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer['body'] };
}

/** A login to node<target> sent from inside host node<from> (another source address than the gateway's). */
async function loginFrom(from: number, target: number, body: Record<string, unknown>): Promise<number> {
  const url = `http://${hostIp(target)}:${AGENT_PORT}/api/v1/auth/login`;
  const run = await sh(
    'nsenter',
    [`--net=${hostNetnsPath(`node${from}`)}`, 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '-m', '20', '-H', 'content-type: application/json', '--data-binary', '@-', url],
    { input: JSON.stringify(body), timeoutMs: 60_000 },
  );
  return Number(run.stdout.trim());
}

/** Calls `fn` until `ok` holds (a commit reaches every member within a moment), at most `ms`; the last answer. */
async function poll(fn: () => Promise<Answer>, ok: (a: Answer) => boolean, ms = 10_000): Promise<Answer> {
  const deadline = Date.now() + ms;
  for (;;) {
    const answer = await fn();
    if (ok(answer) || Date.now() > deadline) return answer;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const login = (i: number, username: string, password: string, extra: Record<string, unknown> = {}) => call(i, 'POST', '/auth/login', { username, password, ...extra });
const totpAt = (secret: string, ms: number) => generateSync({ secret, epoch: Math.floor(ms / 1000), period: 30 });

let admin = '';

beforeAll(async () => {
  await formCluster();
  const setupCode = labOk('setup-code', 'node1').trim();
  // A commit on a majority and a password hash: slow on a loaded machine.
  const setup = await call(1, 'POST', '/auth/setup', { password: 'identity lab password', setupCode }, undefined, 120_000);
  expect([setup.status, setup.body.code]).toEqual([200, undefined]);
  admin = setup.body.accessToken ?? '';
}, 600_000);

afterAll(() => {
  lab('down');
});

describe('one cluster to its users (3 nodes)', () => {
  it('users created on node1 (sfha user add) log in on node2 and node3; a password change on node3 ends their sessions on node1', async () => {
    const { password } = sfhaJson<{ name: string; role: string; password: string }>('node1', 'user', 'add', 'oscar', '--role', 'operator');
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    for (const i of [2, 3])
      expect(
        (
          await poll(
            () => login(i, 'oscar', password),
            (a) => a.status === 200,
          )
        ).status,
      ).toBe(200);
    const onNode3 = await login(3, 'oscar', password);
    expect((await call(3, 'GET', '/auth/session', undefined, onNode3.body.accessToken)).body).toMatchObject({ subject: 'oscar', role: 'operator' });
    expect(sfhaJson<{ name: string }[]>('node2', 'user', 'list').map((u) => u.name)).toEqual(['admin', 'oscar']);

    const session1 = (await login(1, 'oscar', password)).body.accessToken;
    expect((await call(1, 'GET', '/status', undefined, session1)).status).toBe(200);
    const changed = await call(3, 'POST', '/auth/password', { currentPassword: password, newPassword: 'oscar new lab password' }, onNode3.body.accessToken);
    expect(changed.status).toBe(204);
    const started = Date.now();
    let ended: Answer | null = null;
    while (Date.now() - started < 15_000) {
      ended = await call(1, 'GET', '/status', undefined, session1);
      if (ended.status === 401) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect([ended?.status, ended?.body.message]).toEqual([401, 'this session was ended (password changed or sessions closed): log in again']);
    process.stdout.write(`identity: session ended on node1 ${Date.now() - started} ms after the password change on node3\n`);
    expect((await login(1, 'oscar', password)).status).toBe(401);
    expect((await login(1, 'oscar', 'oscar new lab password')).status).toBe(200);
  });

  it('a user locked out on node1 (10 failures from three addresses) is locked on node2, even with its right password', async () => {
    sfhaJson('node1', 'user', 'add', 'lena', '--role', 'viewer');
    const { password } = sfhaJson<{ password: string }>('node1', 'user', 'passwd', 'lena');
    // 4 + 4 + 2 failures from the gateway, node2's and node3's addresses: no address reaches its own limit (5).
    for (let n = 0; n < 4; n++) expect((await login(1, 'lena', `guess ${n}`)).status).toBe(401);
    for (let n = 0; n < 4; n++) expect(await loginFrom(2, 1, { username: 'lena', password: `guess ${n}` })).toBe(401);
    for (let n = 0; n < 2; n++) expect(await loginFrom(3, 1, { username: 'lena', password: `guess ${n}` })).toBe(401);
    expect((await login(1, 'lena', password)).status).toBe(429);
    // One probe only: a right password accepted on node2 would end the count everywhere.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const onNode2 = await login(2, 'lena', password);
    expect([onNode2.status, onNode2.body.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
    expect(onNode2.body.message).toMatch(/^too many failed logins for this user: try again in \d+ s$/);
    expect(await loginFrom(3, 3, { username: 'lena', password })).toBe(429);
    // Another user is not concerned.
    expect((await login(2, 'oscar', 'oscar new lab password')).status).toBe(200);
    const events = (await call(2, 'GET', '/events?limit=100', undefined, admin)).body as unknown as { code: string; message: string; origin: string }[];
    expect(events.filter((e) => e.code === 'auth.user-locked').map((e) => [e.origin, e.message])).toEqual([['node1', 'user lena locked out for 15 min after 10 failed logins']]);
  });

  it('TOTP enrolled on node1 is asked for on node2 and accepted there; its code is good once in the cluster', async () => {
    const oscar1 = (await login(1, 'oscar', 'oscar new lab password')).body.accessToken;
    const enrolment = await call(1, 'POST', '/auth/totp/enrolment', undefined, oscar1);
    const secret = String(enrolment.body.secret);
    expect(enrolment.body.otpauthUri).toBe(`otpauth://totp/sfha%20prod:oscar?secret=${secret}&issuer=sfha%20prod`);
    const confirmed = await call(1, 'POST', '/auth/totp/confirm', { code: totpAt(secret, Date.now()) }, oscar1);
    expect([confirmed.status, (confirmed.body.recoveryCodes as string[]).length]).toEqual([200, 10]);

    const required = await poll(
      () => login(2, 'oscar', 'oscar new lab password'),
      (a) => a.status === 401,
    );
    expect([required.status, required.body.code]).toEqual([401, 'TOTP_REQUIRED']);
    const code = totpAt(secret, Date.now() + 30_000);
    const ok = await login(2, 'oscar', 'oscar new lab password', { totp: code });
    expect(ok.status).toBe(200);
    expect((await call(2, 'GET', '/auth/session', undefined, ok.body.accessToken)).body).toMatchObject({ subject: 'oscar', totpEnabled: true });
    // node2 told the others which step oscar used: the same code on node3 is a replay.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const replay = await login(3, 'oscar', 'oscar new lab password', { totp: code });
    expect([replay.status, replay.body.code, replay.body.message]).toEqual([401, 'TOTP_INVALID', 'this code was already used: wait for the next one']);
    // The secret is never served back, by any node.
    for (const i of [1, 2, 3]) expect(JSON.stringify((await call(i, 'GET', '/users', undefined, admin)).body)).not.toContain(secret);
    expect(sfhaJson<{ name: string; totpEnabled: boolean }[]>('node3', 'user', 'list').find((u) => u.name === 'oscar')?.totpEnabled).toBe(true);
  });
});
