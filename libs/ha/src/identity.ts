/**
 * Cluster-wide identity (docs/design.md §5 "Identity"): users, their roles and API tokens live in
 * the replicated cluster config, so every node authenticates the same people the same way.
 * Only hashes are stored; this file is pure.
 */

export const ROLES = ['viewer', 'operator', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A role's rank: a higher role can do everything a lower one can. */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** True when `role` is at least `required`. */
export function roleAtLeast(role: Role, required: Role): boolean {
  return roleRank(role) >= roleRank(required);
}

export interface ClusterUser {
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash`; never leaves the agents except inside the signed peer replication. */
  passwordHash: string;
  /** Bumped when the password changes or the sessions are ended: a JWT carries the epoch it was issued in. */
  sessionEpoch: number;
  createdAt: string;
  /** Two-factor login, when the user enrolled; absent or null: password only. */
  totp?: UserTotp | null;
}

/**
 * A user's TOTP second factor. Like the password hash it stays inside the agents (the config is
 * replicated only through the signed mesh protocol); no answer, log or event ever carries it.
 */
export interface UserTotp {
  /** The RFC 6238 secret, base32 (SHA-1, 6 digits, 30 s: what every authenticator app reads). */
  secret: string;
  enabledAt: string;
  /** hex SHA-256 of each recovery code not used yet (a used code leaves the list). */
  recoveryCodeHashes: string[];
}

/** An API token as the cluster stores it: the secret part only as a SHA-256 hash. */
export interface ApiTokenRecord {
  /** The public part of `sfha_<id>_<secret>`, used to find the record. */
  id: string;
  name: string;
  /** The user who created it (tokens go with their user). */
  owner: string;
  role: Role;
  /** hex SHA-256 of the secret part. */
  secretHash: string;
  createdAt: string;
  /** ISO time after which the token is refused; null: never expires. */
  expiresAt: string | null;
}

export interface Identity {
  users?: ClusterUser[];
  apiTokens?: ApiTokenRecord[];
}

export type IdentityChange =
  | { kind: 'put-user'; user: ClusterUser }
  | { kind: 'delete-user'; name: string }
  | { kind: 'put-api-token'; token: ApiTokenRecord }
  | { kind: 'delete-api-token'; id: string }
  /** One recovery code spent: refused when its hash is gone, so a code opens one session cluster-wide. */
  | { kind: 'use-recovery-code'; name: string; codeHash: string };

export const USER_NAME = /^[a-z][a-z0-9._-]{0,31}$/;
export const TOKEN_ID = /^[a-z0-9]{12}$/;
const PASSWORD_HASH = /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9_-]+\$[A-Za-z0-9_-]+$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;
const TOKEN_NAME = /^[\p{L}\p{N} ._-]{1,64}$/u;
const TOTP_SECRET = /^[A-Z2-7]{16,128}$/;
/** How many recovery codes a user gets at enrolment (the most a user may hold). */
export const RECOVERY_CODE_COUNT = 10;

function totpProblems(totp: UserTotp | null | undefined): string[] {
  if (totp === undefined || totp === null) return [];
  const problems: string[] = [];
  if (typeof totp.secret !== 'string' || !TOTP_SECRET.test(totp.secret)) problems.push('a TOTP secret must be 16-128 base32 characters');
  if (typeof totp.enabledAt !== 'string' || Number.isNaN(Date.parse(totp.enabledAt))) problems.push('totp.enabledAt must be a date');
  const hashes: unknown = totp.recoveryCodeHashes;
  if (!Array.isArray(hashes) || hashes.length > RECOVERY_CODE_COUNT || !hashes.every((h) => typeof h === 'string' && SHA256_HEX.test(h)))
    problems.push(`totp.recoveryCodeHashes must be at most ${RECOVERY_CODE_COUNT} SHA-256 hashes`);
  return problems;
}

const admins = (users: readonly ClusterUser[]) => users.filter((u) => u.role === 'admin');

/** Every problem of an identity change against the current users and tokens, for one clear 4xx. Pure. */
export function identityProblems(identity: Identity, change: IdentityChange): string[] {
  const users = identity.users ?? [];
  const tokens = identity.apiTokens ?? [];
  switch (change.kind) {
    case 'put-user': {
      const u = change.user;
      const problems: string[] = [];
      if (!u || typeof u.name !== 'string' || !USER_NAME.test(u.name)) problems.push('user name must be 1-32 lowercase letters, digits, dots, dashes or underscores, starting with a letter');
      if (!isRole(u?.role)) problems.push(`role must be one of ${ROLES.join(', ')}`);
      if (typeof u?.passwordHash !== 'string' || !PASSWORD_HASH.test(u.passwordHash)) problems.push('a password hash is required');
      if (!Number.isInteger(u?.sessionEpoch) || u.sessionEpoch < 0) problems.push('sessionEpoch must be a whole number');
      problems.push(...totpProblems(u?.totp));
      const before = users.find((x) => x.name === u?.name);
      if (problems.length === 0 && before?.role === 'admin' && u.role !== 'admin' && admins(users).length === 1) problems.push(`${u.name} is the last admin: make another user admin first`);
      return problems;
    }
    case 'delete-user': {
      const user = users.find((u) => u.name === change.name);
      if (!user) return [`no user named ${change.name}`];
      if (user.role === 'admin' && admins(users).length === 1) return [`${change.name} is the last admin: it cannot be removed`];
      return [];
    }
    case 'put-api-token': {
      const t = change.token;
      const problems: string[] = [];
      if (!t || typeof t.id !== 'string' || !TOKEN_ID.test(t.id)) problems.push('token id must be 12 lowercase letters or digits');
      if (typeof t?.name !== 'string' || !TOKEN_NAME.test(t.name)) problems.push('token name must be 1-64 letters, digits, spaces, dots, dashes or underscores');
      if (typeof t?.secretHash !== 'string' || !SHA256_HEX.test(t.secretHash)) problems.push('a token hash is required');
      if (t?.expiresAt !== null && (typeof t?.expiresAt !== 'string' || Number.isNaN(Date.parse(t.expiresAt)))) problems.push('expiresAt must be a date or null');
      const owner = users.find((u) => u.name === t?.owner);
      if (!owner) problems.push(`no user named ${String(t?.owner)}`);
      else if (!isRole(t.role)) problems.push(`role must be one of ${ROLES.join(', ')}`);
      else if (!roleAtLeast(owner.role, t.role)) problems.push(`a token cannot have a role above its user's (${owner.name} is ${owner.role})`);
      if (t && tokens.some((x) => x.id === t.id)) problems.push(`a token with id ${t.id} already exists`);
      if (t && tokens.some((x) => x.owner === t.owner && x.name === t.name)) problems.push(`${t.owner} already has a token named "${t.name}"`);
      return problems;
    }
    case 'delete-api-token':
      return tokens.some((t) => t.id === change.id) ? [] : [`no API token ${change.id}`];
    case 'use-recovery-code': {
      const user = users.find((u) => u.name === change.name);
      if (!user) return [`no user named ${change.name}`];
      return user.totp?.recoveryCodeHashes.includes(change.codeHash) ? [] : [`this recovery code of ${change.name} is unknown or already used`];
    }
  }
}

/** The identity after a (valid) change. Removing a user removes its tokens; a lower role lowers its tokens'. Pure. */
export function applyIdentityChange<T extends Identity>(config: T, change: IdentityChange): T {
  const users = config.users ?? [];
  const tokens = config.apiTokens ?? [];
  switch (change.kind) {
    case 'put-user': {
      const u = change.user;
      const nextTokens = tokens.map((t) => (t.owner === u.name && !roleAtLeast(u.role, t.role) ? { ...t, role: u.role } : t));
      return { ...config, users: [...users.filter((x) => x.name !== u.name), u].sort((a, b) => a.name.localeCompare(b.name)), apiTokens: nextTokens };
    }
    case 'delete-user':
      return { ...config, users: users.filter((u) => u.name !== change.name), apiTokens: tokens.filter((t) => t.owner !== change.name) };
    case 'put-api-token':
      return { ...config, apiTokens: [...tokens, change.token] };
    case 'delete-api-token':
      return { ...config, apiTokens: tokens.filter((t) => t.id !== change.id) };
    case 'use-recovery-code':
      return {
        ...config,
        users: users.map((u) => (u.name === change.name && u.totp ? { ...u, totp: { ...u.totp, recoveryCodeHashes: u.totp.recoveryCodeHashes.filter((h) => h !== change.codeHash) } } : u)),
      };
  }
}

export const IDENTITY_CHANGE_KINDS: readonly IdentityChange['kind'][] = ['put-user', 'delete-user', 'put-api-token', 'delete-api-token', 'use-recovery-code'];

export function isIdentityChange(change: { kind: string }): change is IdentityChange {
  return (IDENTITY_CHANGE_KINDS as readonly string[]).includes(change.kind);
}

/** A config as an API answer may show it: no user, no hash, no token. */
export function withoutIdentity<T extends Identity>(config: T): Omit<T, keyof Identity> {
  const copy: T = { ...config };
  delete copy.users;
  delete copy.apiTokens;
  return copy;
}
