import { describe, expect, it } from 'vitest';
import { applyChange, changeProblems, DEFAULT_CLUSTER_CONFIG, type ClusterConfig } from './cluster-config';
import { roleAtLeast, withoutIdentity, type ApiTokenRecord, type ClusterUser } from './identity';

const HASH = 'scrypt$16384$8$1$c2FsdA$aGFzaA';
const user = (name: string, role: ClusterUser['role']): ClusterUser => ({ name, role, passwordHash: HASH, sessionEpoch: 0, createdAt: '2026-01-01T00:00:00.000Z' });
const token = (id: string, owner: string, role: ApiTokenRecord['role'], name = `t-${id}`): ApiTokenRecord => ({
  id,
  name,
  owner,
  role,
  secretHash: 'a'.repeat(64),
  createdAt: '2026-01-01T00:00:00.000Z',
  expiresAt: null,
});
const config = (users: ClusterUser[], apiTokens: ApiTokenRecord[] = []): ClusterConfig => ({ ...DEFAULT_CLUSTER_CONFIG, users, apiTokens });

describe('roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast('operator', 'operator')).toBe(true);
    expect(roleAtLeast('viewer', 'operator')).toBe(false);
    expect(roleAtLeast('operator', 'admin')).toBe(false);
  });
});

describe('users', () => {
  it('adds, replaces and removes a user, sorted by name', () => {
    let c = applyChange(config([user('root', 'admin')]), { kind: 'put-user', user: user('bob', 'viewer') });
    expect(c.users?.map((u) => u.name)).toEqual(['bob', 'root']);
    c = applyChange(c, { kind: 'put-user', user: { ...user('bob', 'operator'), sessionEpoch: 1 } });
    expect(c.users?.find((u) => u.name === 'bob')).toMatchObject({ role: 'operator', sessionEpoch: 1 });
    c = applyChange(c, { kind: 'delete-user', name: 'bob' });
    expect(c.users?.map((u) => u.name)).toEqual(['root']);
  });

  it('refuses to remove or demote the last admin', () => {
    const c = config([user('root', 'admin'), user('bob', 'operator')]);
    expect(changeProblems(c, { kind: 'delete-user', name: 'root' })).toEqual(['root is the last admin: it cannot be removed']);
    expect(changeProblems(c, { kind: 'put-user', user: user('root', 'viewer') })).toEqual(['root is the last admin: make another user admin first']);
    const two = config([user('root', 'admin'), user('ann', 'admin')]);
    expect(changeProblems(two, { kind: 'delete-user', name: 'root' })).toEqual([]);
  });

  it('names what is wrong with a user', () => {
    const bad = { ...user('Bad Name', 'admin'), role: 'god', passwordHash: 'plain' } as unknown as ClusterUser;
    expect(changeProblems(config([]), { kind: 'put-user', user: bad })).toEqual([
      'user name must be 1-32 lowercase letters, digits, dots, dashes or underscores, starting with a letter',
      'role must be one of viewer, operator, admin',
      'a password hash is required',
    ]);
    expect(changeProblems(config([]), { kind: 'delete-user', name: 'nobody' })).toEqual(['no user named nobody']);
  });

  it('names what is wrong with a second factor, and accepts a sound one', () => {
    const totp = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', enabledAt: '2026-01-01T00:00:00.000Z', recoveryCodeHashes: ['a'.repeat(64)] };
    expect(changeProblems(config([]), { kind: 'put-user', user: { ...user('ann', 'admin'), totp } })).toEqual([]);
    const bad = { ...user('ann', 'admin'), totp: { secret: 'not base32!', enabledAt: 'soon', recoveryCodeHashes: Array.from({ length: 11 }, () => 'a'.repeat(64)) } };
    expect(changeProblems(config([]), { kind: 'put-user', user: bad })).toEqual([
      'a TOTP secret must be 16-128 base32 characters',
      'totp.enabledAt must be a date',
      'totp.recoveryCodeHashes must be at most 10 SHA-256 hashes',
    ]);
  });

  it('removes the tokens of a removed user and lowers the tokens of a demoted one', () => {
    const c = config([user('root', 'admin'), user('bob', 'admin')], [token('aaaaaaaaaaaa', 'bob', 'admin'), token('bbbbbbbbbbbb', 'root', 'admin')]);
    const demoted = applyChange(c, { kind: 'put-user', user: user('bob', 'viewer') });
    expect(demoted.apiTokens?.find((t) => t.id === 'aaaaaaaaaaaa')?.role).toBe('viewer');
    const removed = applyChange(c, { kind: 'delete-user', name: 'bob' });
    expect(removed.apiTokens?.map((t) => t.id)).toEqual(['bbbbbbbbbbbb']);
  });
});

describe('API tokens', () => {
  const c = config([user('root', 'admin'), user('op', 'operator')], [token('aaaaaaaaaaaa', 'op', 'operator', 'ci')]);

  it('refuses a token above its user (role escalation)', () => {
    expect(changeProblems(c, { kind: 'put-api-token', token: token('bbbbbbbbbbbb', 'op', 'admin') })).toEqual(["a token cannot have a role above its user's (op is operator)"]);
    expect(changeProblems(c, { kind: 'put-api-token', token: token('bbbbbbbbbbbb', 'op', 'viewer') })).toEqual([]);
  });

  it('refuses a duplicate id or name, an unknown owner, a bad expiry', () => {
    expect(changeProblems(c, { kind: 'put-api-token', token: token('aaaaaaaaaaaa', 'op', 'viewer', 'ci') })).toEqual([
      'a token with id aaaaaaaaaaaa already exists',
      'op already has a token named "ci"',
    ]);
    expect(changeProblems(c, { kind: 'put-api-token', token: { ...token('cccccccccccc', 'ghost', 'viewer'), expiresAt: 'soon' } })).toEqual([
      'expiresAt must be a date or null',
      'no user named ghost',
    ]);
  });

  it('revokes by id', () => {
    expect(applyChange(c, { kind: 'delete-api-token', id: 'aaaaaaaaaaaa' }).apiTokens).toEqual([]);
    expect(changeProblems(c, { kind: 'delete-api-token', id: 'zzzzzzzzzzzz' })).toEqual(['no API token zzzzzzzzzzzz']);
  });

  it('strips users and tokens from a config meant for an answer', () => {
    const shown = withoutIdentity(c);
    expect(JSON.stringify(shown)).not.toContain('scrypt');
    expect(shown).not.toHaveProperty('users');
    expect(shown).not.toHaveProperty('apiTokens');
  });
});

describe('recovery codes', () => {
  const totp = { secret: 'JBSWY3DPEHPK3PXPJBSWY3DP', enabledAt: '2026-01-01T00:00:00.000Z', recoveryCodeHashes: ['a'.repeat(64), 'b'.repeat(64)] };
  const withCodes = config([{ ...user('ann', 'admin'), totp }, user('bob', 'viewer')]);

  it('spends one code: its hash leaves the user, and the same change is refused after it (single use, serialized by the leader)', () => {
    const spend = { kind: 'use-recovery-code', name: 'ann', codeHash: 'a'.repeat(64) } as const;
    expect(changeProblems(withCodes, spend)).toEqual([]);
    const after = applyChange(withCodes, spend);
    expect(after.users?.find((u) => u.name === 'ann')?.totp?.recoveryCodeHashes).toEqual(['b'.repeat(64)]);
    expect(changeProblems(after, spend)).toEqual(['this recovery code of ann is unknown or already used']);
  });

  it('refuses a code of a user without two-factor login, or of nobody', () => {
    expect(changeProblems(withCodes, { kind: 'use-recovery-code', name: 'bob', codeHash: 'a'.repeat(64) })).toEqual(['this recovery code of bob is unknown or already used']);
    expect(changeProblems(withCodes, { kind: 'use-recovery-code', name: 'zoe', codeHash: 'a'.repeat(64) })).toEqual(['no user named zoe']);
  });
});
