import BetterSqlite3 from 'better-sqlite3';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/auth/password-hasher';
import { openDatabase } from '../src/database/open-database';
import { applyMigrations, loadMigrations } from '../src/database/migrator';
import { ADMIN_PASSWORD, addUser, bootTestAgent, bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
afterEach(async () => agent.close());

const login = (username: string, password: string) => agent.request('POST', '/api/v1/auth/login', { body: { username, password } });
const tokenOf = (res: { body: unknown }) => (res.body as { accessToken: string }).accessToken;
/** Everything the agent's database and answers must never show. */
const noSecretIn = (text: string) => expect(text).not.toMatch(/scrypt\$|secretHash|passwordHash/);

describe('users', () => {
  it('adds users with a role; each logs in with its own password, an unknown name is a plain 401', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    await addUser(agent, boot.token, 'oscar', 'operator', 'oscar password 1');
    const session = await agent.request('GET', '/api/v1/auth/session', { token: tokenOf(await login('oscar', 'oscar password 1')) });
    expect(session.body).toMatchObject({ subject: 'oscar', role: 'operator', kind: 'user', actor: 'oscar' });
    expect((await login('oscar', 'wrong password')).body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong user name or password' });
    expect((await login('nobody', 'oscar password 1')).body).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'wrong user name or password' });
    const duplicate = await agent.request('POST', '/api/v1/users', { token: boot.token, body: { name: 'oscar', role: 'viewer', password: 'another password' } });
    expect([duplicate.status, duplicate.body]).toMatchObject([409, { code: 'USER_EXISTS', message: 'a user named oscar already exists' }]);
    const badName = await agent.request('POST', '/api/v1/users', { token: boot.token, body: { name: 'Oscar!', role: 'god', password: 'another password' } });
    expect(badName.status).toBe(400);
    expect((badName.body as { message: string }).message).toContain('role must be one of viewer, operator, admin');
    const list = await agent.request('GET', '/api/v1/users', { token: boot.token });
    expect(list.body).toEqual([expect.objectContaining({ name: 'admin', role: 'admin' }), expect.objectContaining({ name: 'oscar', role: 'operator' })]);
    noSecretIn(list.text);
  });

  it('refuses to remove or demote the last admin, and changes nothing', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const removal = await agent.request('DELETE', '/api/v1/users/admin', { token: boot.token });
    expect([removal.status, removal.body]).toMatchObject([400, { code: 'VALIDATION_FAILED', message: 'admin is the last admin: it cannot be removed' }]);
    const demotion = await agent.request('PUT', '/api/v1/users/admin/role', { token: boot.token, body: { role: 'viewer' } });
    expect([demotion.status, (demotion.body as { message: string }).message]).toEqual([400, 'admin is the last admin: make another user admin first']);
    expect((await agent.request('GET', '/api/v1/auth/session', { token: boot.token })).body).toMatchObject({ role: 'admin' });
  });

  it('ends the sessions of a removed user, of a user whose password changed, and applies a new role at once', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const oscar = await addUser(agent, boot.token, 'oscar', 'operator', 'oscar password 1');
    const promoted = await agent.request('PUT', '/api/v1/users/oscar/role', { token: boot.token, body: { role: 'viewer' } });
    expect(promoted.body).toMatchObject({ name: 'oscar', role: 'viewer' });
    expect((await agent.request('PUT', '/api/v1/cluster/maintenance', { token: oscar, body: { enabled: true } })).status).toBe(403);

    const reset = await agent.request('PUT', '/api/v1/users/oscar/password', { token: boot.token, body: { password: 'a new oscar password' } });
    expect(reset.status).toBe(204);
    const ended = await agent.request('GET', '/api/v1/status', { token: oscar });
    expect([ended.status, ended.body]).toMatchObject([401, { message: 'this session was ended (password changed or sessions closed): log in again' }]);
    expect((await login('oscar', 'oscar password 1')).status).toBe(401);
    const again = tokenOf(await login('oscar', 'a new oscar password'));
    expect((await agent.request('DELETE', '/api/v1/users/oscar', { token: boot.token })).status).toBe(204);
    const gone = await agent.request('GET', '/api/v1/status', { token: again });
    expect([gone.status, gone.body]).toMatchObject([401, { message: 'the user oscar no longer exists' }]);
  });

  it('records who made each change in the events, never a hash', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    await addUser(agent, boot.token, 'oscar', 'operator');
    await agent.request('DELETE', '/api/v1/users/oscar', { token: boot.token });
    const { secret, token } = (await agent.request('POST', '/api/v1/api-tokens', { token: boot.token, body: { name: 'ci', role: 'viewer' } })).body as { secret: string; token: { id: string } };
    // A script revoking its own token: recorded under the token's name.
    expect((await agent.request('DELETE', `/api/v1/api-tokens/${token.id}`, { token: secret })).status).toBe(204);
    const events = await agent.request('GET', '/api/v1/events?limit=20', { token: boot.token });
    const messages = (events.body as { code: string; message: string; user?: string }[]).map((e) => [e.code, e.message, e.user]);
    expect(messages).toEqual(
      expect.arrayContaining([
        ['auth.password-set', 'admin password set (first run)', 'admin'],
        ['user.created', 'user oscar created (operator)', 'admin'],
        ['user.removed', 'user oscar removed', 'admin'],
        ['api-token.created', 'API token "ci" of admin created (viewer)', 'admin'],
        ['api-token.revoked', 'API token "ci" of admin revoked', 'token ci (admin)'],
      ]),
    );
    const byToken = (await agent.request('GET', `/api/v1/events?user=${encodeURIComponent('token ci (admin)')}`, { token: boot.token })).body as { code: string }[];
    expect(byToken.map((e) => e.code)).toEqual(['api-token.revoked']);
    noSecretIn(events.text);
    noSecretIn(agent.logs.join('\n'));
  });
});

describe('API tokens', () => {
  const create = (token: string, body: Record<string, unknown>) => agent.request('POST', '/api/v1/api-tokens', { token, body });

  it('are shown once, work as Bearer sfha_…, list their last use, and stop at revocation', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const made = await create(boot.token, { name: 'backup script', role: 'viewer' });
    expect(made.status).toBe(200);
    const { secret, token } = made.body as { secret: string; token: { id: string; role: string; expiresAt: string | null } };
    expect(secret).toMatch(new RegExp(`^sfha_${token.id}_`));
    expect(token).toMatchObject({ role: 'viewer', expiresAt: null });

    const session = await agent.request('GET', '/api/v1/auth/session', { token: secret });
    expect(session.body).toMatchObject({ subject: 'admin', role: 'viewer', kind: 'token', actor: 'token backup script (admin)', expiresAt: null });
    expect((await agent.request('GET', '/api/v1/status', { token: secret })).status).toBe(200);
    // The token's role, not its user's: a viewer token cannot change anything.
    expect((await agent.request('PUT', '/api/v1/cluster/maintenance', { token: secret, body: { enabled: true } })).status).toBe(403);

    const list = await agent.request('GET', '/api/v1/api-tokens', { token: boot.token });
    const listed = list.body as { id: string; name: string; owner: string; lastUsedAt: string | null; lastUsedFrom: string | null }[];
    expect(listed.map((t) => [t.id, t.name, t.owner, typeof t.lastUsedAt, t.lastUsedFrom?.includes('127.0.0.1')])).toEqual([[token.id, 'backup script', 'admin', 'string', true]]);
    expect(list.text).not.toContain(secret.split('_')[2]);
    noSecretIn(list.text);

    expect((await agent.request('DELETE', `/api/v1/api-tokens/${token.id}`, { token: boot.token })).status).toBe(204);
    const revoked = await agent.request('GET', '/api/v1/status', { token: secret });
    expect([revoked.status, revoked.body]).toMatchObject([401, { code: 'UNAUTHENTICATED', message: 'this API token is unknown or was revoked' }]);
    const forged = await agent.request('GET', '/api/v1/status', { token: `${secret.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);
  });

  it('expire at their time', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const { secret } = (await create(boot.token, { name: 'short', role: 'admin', expiresAt })).body as { secret: string };
    expect((await agent.request('GET', '/api/v1/status', { token: secret })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 1700));
    const expired = await agent.request('GET', '/api/v1/status', { token: secret });
    expect([expired.status, expired.body]).toMatchObject([401, { message: `this API token expired at ${expiresAt}` }]);
    expect((await create(boot.token, { name: 'past', role: 'admin', expiresAt: '2020-01-01T00:00:00Z' })).status).toBe(400);
  });

  it('refuse a role above their user (an operator asking for an admin token), and stay with their user', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const oscar = await addUser(agent, boot.token, 'oscar', 'operator');
    const escalation = await create(oscar, { name: 'root please', role: 'admin' });
    expect([escalation.status, escalation.body]).toMatchObject([403, { code: 'FORBIDDEN', message: 'a token cannot have a role above yours (oscar is operator, asked admin)' }]);
    const mine = (await create(oscar, { name: 'ops', role: 'operator' })).body as { secret: string; token: { id: string } };
    // A token cannot make tokens (no chain of tokens outliving a user's revocation).
    expect((await create(mine.secret, { name: 'child', role: 'viewer' })).status).toBe(403);
    // Each user sees its own; an admin sees all.
    await create(boot.token, { name: 'admin one', role: 'admin' });
    expect(((await agent.request('GET', '/api/v1/api-tokens', { token: oscar })).body as { name: string }[]).map((t) => t.name)).toEqual(['ops']);
    expect(((await agent.request('GET', '/api/v1/api-tokens', { token: boot.token })).body as unknown[]).length).toBe(2);
    // Removing oscar removes its token.
    await agent.request('DELETE', '/api/v1/users/oscar', { token: boot.token });
    expect((await agent.request('GET', '/api/v1/status', { token: mine.secret })).status).toBe(401);
  });
});

describe('API tokens made by root on the node (sfha token create --user)', () => {
  it('name their user, stay within its role, and are refused to a user naming someone else', async () => {
    const boot = await bootWithAdmin();
    agent = boot.agent;
    const oscar = await addUser(agent, boot.token, 'oscar', 'operator');
    const { credential } = JSON.parse(readFileSync(join(agent.dataDir, 'local-admin.json'), 'utf8')) as { credential: string };
    const root = tokenOf(await agent.request('POST', '/api/v1/auth/local', { body: { credential } }));
    const create = (token: string, body: Record<string, unknown>) => agent.request('POST', '/api/v1/api-tokens', { token, body });
    const unnamed = await create(root, { name: 'ci', role: 'viewer' });
    expect([unnamed.status, unnamed.body]).toMatchObject([400, { message: "from the node's local access, name the user the token is for (owner)" }]);
    const above = await create(root, { name: 'ci', role: 'admin', owner: 'oscar' });
    expect([above.status, above.body]).toMatchObject([403, { message: "a token cannot have a role above its user's (oscar is operator, asked admin)" }]);
    expect((await create(root, { name: 'ci', role: 'viewer', owner: 'nobody' })).status).toBe(404);
    const made = await create(root, { name: 'ci', role: 'operator', owner: 'oscar' });
    expect(made.body).toMatchObject({ token: { owner: 'oscar', role: 'operator' } });
    const { secret } = made.body as { secret: string };
    expect((await agent.request('GET', '/api/v1/auth/session', { token: secret })).body).toMatchObject({ actor: 'token ci (oscar)' });
    const forOther = await create(oscar, { name: 'mine', role: 'viewer', owner: 'admin' });
    expect([forOther.status, forOther.body]).toMatchObject([403, { message: 'a user makes API tokens for itself only (you are oscar)' }]);
  });
});

describe('an older single-admin database', () => {
  it('moves its admin into the cluster config as user "admin": same password, no first run', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sfha-legacy-'));
    const db = openDatabase(dataDir);
    applyMigrations(
      db,
      loadMigrations(join(process.cwd(), 'apps/agent/src/database/migrations')).filter((m) => m.version <= 6),
    );
    const now = new Date().toISOString();
    db.prepare('INSERT INTO admin (id, password_hash, created_at, updated_at) VALUES (1, ?, ?, ?)').run(await hashPassword(ADMIN_PASSWORD), now, now);
    db.close();

    agent = await bootTestAgent({ dataDir });
    expect((await agent.request('GET', '/api/v1/auth/state')).body).toMatchObject({ setupRequired: false });
    const token = tokenOf(await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } }));
    expect((await agent.request('GET', '/api/v1/users', { token })).body).toEqual([expect.objectContaining({ name: 'admin', role: 'admin' })]);
    const after = new BetterSqlite3(join(dataDir, 'sfha.db'), { readonly: true });
    const legacyRows = (after.prepare('SELECT COUNT(*) AS n FROM legacy_admin').get() as { n: number }).n;
    const document = (after.prepare('SELECT document FROM cluster_config').get() as { document: string }).document;
    after.close();
    expect(legacyRows).toBe(0);
    expect((JSON.parse(document) as { users: { name: string }[] }).users.map((u) => u.name)).toEqual(['admin']);
  });
});
