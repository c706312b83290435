import { randomBytes } from 'node:crypto';
import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { columns } from '../format-table';
import { tokenExpiry } from '../token-expiry';

const ROLES = ['viewer', 'operator', 'admin'] as const;
type Role = (typeof ROLES)[number];
const isRole = (value: string | undefined): value is Role => (ROLES as readonly string[]).includes(value ?? '');

/** The password of `--password-stdin` (its first line), or a new random one the CLI prints once. */
async function passwordFrom(usesStdin: boolean): Promise<{ password: string; generated: boolean }> {
  if (!usesStdin) return { password: randomBytes(18).toString('base64url'), generated: true };
  let text = '';
  for await (const chunk of process.stdin) text += (chunk as Buffer).toString('utf8');
  return { password: text.split(/\r?\n/)[0] ?? '', generated: false };
}

export const userListCommand = command('user list', async ({ m, out, json, api }) => {
  const users = await api((c) => c.GET('/api/v1/users'));
  if (json) return printJson(out, users);
  out(columns([m.users.header, ...users.map((u) => [u.name, u.role, u.totpEnabled ? m.users.totpOn : '-', u.createdAt])]));
});

/** `user add NAME --role ROLE [--password-stdin]` */
export const userAddCommand = command('user add', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  const role = options.values.get('role');
  if (!name || !isRole(role)) throw usage();
  const { password, generated } = await passwordFrom(options.flags.has('password-stdin'));
  const user = await api((c) => c.POST('/api/v1/users', { body: { name, role, password } }));
  if (json) return printJson(out, { ...user, ...(generated ? { password } : {}) });
  out(m.users.added(name, role));
  if (generated) out(m.users.generated(password));
});

export const userRemoveCommand = command('user remove', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/users/{name}', { params: { path: { name } } }));
  if (json) return printJson(out, { removed: name });
  out(m.users.removed(name));
});

export const userRoleCommand = command('user role', async ({ m, out, options, json, usage, api }) => {
  const [name, role] = options.positional;
  if (!name || !isRole(role)) throw usage();
  const user = await api((c) => c.PUT('/api/v1/users/{name}/role', { params: { path: { name } }, body: { role } }));
  if (json) return printJson(out, user);
  out(m.users.role(name, role));
});

/** `user passwd NAME [--password-stdin]`: sets another user's password; its sessions end everywhere. */
export const userPasswdCommand = command('user passwd', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  const { password, generated } = await passwordFrom(options.flags.has('password-stdin'));
  await api((c) => c.PUT('/api/v1/users/{name}/password', { params: { path: { name } }, body: { password } }));
  if (json) return printJson(out, { name, ...(generated ? { password } : {}) });
  out(m.users.passwordSet(name));
  if (generated) out(m.users.generated(password));
});

export const userTotpResetCommand = command('user totp-reset', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/users/{name}/totp', { params: { path: { name } } }));
  if (json) return printJson(out, { name, totpEnabled: false });
  out(m.users.totpReset(name));
});

export const tokenListCommand = command('token list', async ({ m, out, json, api }) => {
  const tokens = await api((c) => c.GET('/api/v1/api-tokens'));
  if (json) return printJson(out, tokens);
  if (tokens.length === 0) return out(m.tokens.none);
  out(columns([m.tokens.header, ...tokens.map((t) => [t.id, t.name, t.owner, t.role, t.expiresAt ?? m.tokens.never, t.lastUsedAt ? `${t.lastUsedAt} (${t.lastUsedFrom ?? '?'})` : '-'])]));
});

/** `token create NAME --user USER [--role ROLE] [--expires 30d|DATE]`: root on the node makes a token for a user. */
export const tokenCreateCommand = command('token create', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  const owner = options.values.get('user');
  const role = options.values.get('role') ?? 'viewer';
  const expires = options.values.get('expires');
  if (!name || !owner || !isRole(role)) throw usage();
  const expiresAt = expires === undefined ? undefined : tokenExpiry(expires, Date.now());
  if (expiresAt === null) throw new CliError(m.tokens.badExpiry(expires ?? ''));
  const created = await api((c) => c.POST('/api/v1/api-tokens', { body: { name, role, owner, ...(expiresAt ? { expiresAt } : {}) } }));
  if (json) return printJson(out, created);
  out(m.tokens.created(created.token.name, created.token.owner, created.token.role, created.token.expiresAt ?? m.tokens.never));
  out(created.secret);
});

export const tokenRevokeCommand = command('token revoke', async ({ m, out, options, json, usage, api }) => {
  const id = options.positional[0];
  if (!id) throw usage();
  await api((c) => c.DELETE('/api/v1/api-tokens/{id}', { params: { path: { id } } }));
  if (json) return printJson(out, { revoked: id });
  out(m.tokens.revoked(id));
});
