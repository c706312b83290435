import { SECRET_MASK } from './fence-secrets';
import { maskedWebhookUrl, unmaskedWebhookUrl, webhookUrlSecrets } from './fence-webhook';

/**
 * Notification targets (docs/architecture.md "Notifications"): where the leader tells people about
 * incidents. They live in the replicated cluster config, so every node (whichever leads) sends to
 * the same ones. Secrets (webhook secret, SMTP password, ntfy/Gotify tokens) are masked in every
 * answer and export like fence secrets. This file is pure.
 */

export const NOTIFY_KINDS = ['webhook', 'email', 'ntfy', 'gotify', 'script'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

/** A message's level: an incident opened is `warn` (`error` when a fence failed), resolved is `info`. */
export const NOTIFY_LEVELS = ['info', 'warn', 'error'] as const;
export type NotifyLevel = (typeof NOTIFY_LEVELS)[number];

export const NOTIFY_LANGUAGES = ['fr', 'en'] as const;
export type NotifyLanguage = (typeof NOTIFY_LANGUAGES)[number];

/** SMTP transport security: none, STARTTLS upgrade (usually port 587), or TLS from the start (465). */
export const SMTP_TLS_MODES = ['none', 'starttls', 'tls'] as const;
export type SmtpTlsMode = (typeof SMTP_TLS_MODES)[number];

interface NotifyTargetBase {
  name: string;
  /** What the target receives: one message per incident (opened, then resolved). */
  events: 'incidents';
  /** Messages below this level are not sent to this target. */
  minLevel: NotifyLevel;
  /** The language of its messages (French by default, like the dashboard and the CLI). */
  language: NotifyLanguage;
}

/** A JSON POST; with a secret, signed: `X-Sfha-Signature: sha256=<hex HMAC-SHA256 of the raw body>`. */
export interface WebhookNotifyTarget extends NotifyTargetBase {
  kind: 'webhook';
  url: string;
  secret?: string;
}

export interface EmailNotifyTarget extends NotifyTargetBase {
  kind: 'email';
  host: string;
  port: number;
  tls: SmtpTlsMode;
  user?: string;
  password?: string;
  from: string;
  to: string[];
}

/** ntfy's publish API: a JSON POST to the server's root URL naming the topic, optional bearer token. */
export interface NtfyNotifyTarget extends NotifyTargetBase {
  kind: 'ntfy';
  url: string;
  topic: string;
  token?: string;
}

/** Gotify's message API: POST {url}/message with the application token. */
export interface GotifyNotifyTarget extends NotifyTargetBase {
  kind: 'gotify';
  url: string;
  token: string;
}

/**
 * A local program, keepalived notify style: `$1=opened|resolved|test $2=incident-id
 * $3=trigger-kind $4=node`, and SFHA_* environment variables. It must exist on every node (it
 * runs on the leader).
 */
export interface ScriptNotifyTarget extends NotifyTargetBase {
  kind: 'script';
  path: string;
}

export type NotifyTarget = WebhookNotifyTarget | EmailNotifyTarget | NtfyNotifyTarget | GotifyNotifyTarget | ScriptNotifyTarget;

/** The secret field of each kind (none for a script). */
export const NOTIFY_SECRET_FIELDS: Record<NotifyKind, readonly string[]> = { webhook: ['secret'], email: ['password'], ntfy: ['token'], gotify: ['token'], script: [] };

/** The fields each kind has besides the common ones; any other is refused. */
const KIND_FIELDS: Record<NotifyKind, readonly string[]> = {
  webhook: ['url', 'secret'],
  email: ['host', 'port', 'tls', 'user', 'password', 'from', 'to'],
  ntfy: ['url', 'topic', 'token'],
  gotify: ['url', 'token'],
  script: ['path'],
};
const COMMON_FIELDS = ['name', 'kind', 'events', 'minLevel', 'language'];

export const NOTIFY_TARGET_NAME = /^[a-z0-9][a-z0-9_-]{0,62}$/;
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;
const HOST = /^[A-Za-z0-9.:[\]-]{1,253}$/;
const TOPIC = /^[A-Za-z0-9_-]{1,64}$/;
const ONE_LINE = (v: string) => !/[\r\n\0]/.test(v);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function httpUrlProblem(field: string, value: unknown): string | null {
  if (typeof value !== 'string' || value === '') return `${field} is required (an http:// or https:// URL)`;
  try {
    const url = new URL(value);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `${field} must be an http:// or https:// URL, not ${url.protocol}`;
    if (url.username || url.password) return `${field} must not carry credentials (user:password@): use the target's secret or token`;
    return null;
  } catch {
    // Not echoed: a URL often carries a token.
    return `${field} is not a valid URL (e.g. https://hooks.example/sfha)`;
  }
}

const optionalString = (field: string, value: unknown): string[] => (value === undefined || (typeof value === 'string' && ONE_LINE(value)) ? [] : [`${field} must be a one-line text`]);

/**
 * Every problem of a target, each naming its field, for one clear 400. The script's presence and
 * executable bit are checked by the agent (it reads the disk). Pure.
 */
export function notifyTargetProblems(target: unknown): string[] {
  if (!isObject(target)) return ['a notification target (an object) is required'];
  const problems: string[] = [];
  if (typeof target.name !== 'string' || !NOTIFY_TARGET_NAME.test(target.name)) problems.push('name must be 1-63 lowercase letters, digits, dashes or underscores');
  if (!(NOTIFY_KINDS as readonly unknown[]).includes(target.kind)) return [...problems, `kind must be one of ${NOTIFY_KINDS.join(', ')} (got ${JSON.stringify(target.kind ?? null)})`];
  const kind = target.kind as NotifyKind;
  const known = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
  for (const key of Object.keys(target)) if (!known.includes(key)) problems.push(`unknown field ${key} for a ${kind} target (known: ${known.join(', ')})`);
  if (target.events !== 'incidents') problems.push('events must be "incidents"');
  if (!(NOTIFY_LEVELS as readonly unknown[]).includes(target.minLevel)) problems.push(`minLevel must be one of ${NOTIFY_LEVELS.join(', ')}`);
  if (!(NOTIFY_LANGUAGES as readonly unknown[]).includes(target.language)) problems.push(`language must be one of ${NOTIFY_LANGUAGES.join(', ')}`);
  switch (kind) {
    case 'webhook':
      problems.push(...[httpUrlProblem('url', target.url)].filter((p): p is string => p !== null), ...optionalString('secret', target.secret));
      break;
    case 'email': {
      if (typeof target.host !== 'string' || !HOST.test(target.host)) problems.push('host must be an SMTP server name or address');
      if (!Number.isInteger(target.port) || (target.port as number) < 1 || (target.port as number) > 65_535) problems.push('port must be a whole number from 1 to 65535');
      if (!(SMTP_TLS_MODES as readonly unknown[]).includes(target.tls)) problems.push(`tls must be one of ${SMTP_TLS_MODES.join(', ')}`);
      problems.push(...optionalString('user', target.user), ...optionalString('password', target.password));
      if (target.password !== undefined && target.user === undefined) problems.push('password needs a user');
      if (typeof target.from !== 'string' || !EMAIL.test(target.from)) problems.push(`from must be an email address (got ${JSON.stringify(target.from ?? null)})`);
      if (!Array.isArray(target.to) || target.to.length === 0) problems.push('to must list at least one email address');
      else for (const [i, address] of target.to.entries()) if (typeof address !== 'string' || !EMAIL.test(address)) problems.push(`to[${i}] is not an email address: ${JSON.stringify(address)}`);
      break;
    }
    case 'ntfy':
      problems.push(...[httpUrlProblem('url', target.url)].filter((p): p is string => p !== null), ...optionalString('token', target.token));
      if (typeof target.topic !== 'string' || !TOPIC.test(target.topic)) problems.push('topic must be 1-64 letters, digits, dashes or underscores');
      break;
    case 'gotify':
      problems.push(...[httpUrlProblem('url', target.url)].filter((p): p is string => p !== null));
      if (typeof target.token !== 'string' || target.token === '' || !ONE_LINE(target.token)) problems.push('token (the Gotify application token) is required');
      break;
    case 'script':
      if (typeof target.path !== 'string' || !target.path.startsWith('/') || !ONE_LINE(target.path) || target.path.includes('/../'))
        problems.push(`path must be an absolute path to an executable (got ${JSON.stringify(target.path ?? null)})`);
      break;
  }
  return problems;
}

/** A target as an answer or a masked export shows it: each secret set is {@link SECRET_MASK}. Pure. */
export function maskedNotifyTarget(target: NotifyTarget): NotifyTarget {
  const copy: Record<string, unknown> = { ...target };
  for (const field of NOTIFY_SECRET_FIELDS[target.kind]) if (typeof copy[field] === 'string' && copy[field] !== '') copy[field] = SECRET_MASK;
  // Query values are masked as for fence webhooks (tokens often ride there: ?key=…).
  if (typeof copy.url === 'string') copy.url = maskedWebhookUrl(copy.url);
  return copy as unknown as NotifyTarget;
}

/**
 * The target to store: each secret sent as {@link SECRET_MASK} replaced by the one stored under the
 * same name and kind; a mask with nothing stored behind it is a problem. Pure.
 */
export function unmaskedNotifyTarget(sent: NotifyTarget, stored: NotifyTarget | undefined): { target: NotifyTarget; problems: string[] } {
  const copy: Record<string, unknown> = { ...sent };
  const problems: string[] = [];
  const kind = sent.kind;
  for (const field of NOTIFY_SECRET_FIELDS[kind] ?? []) {
    if (copy[field] !== SECRET_MASK) continue;
    const before = stored?.kind === kind ? (stored as unknown as Record<string, unknown>)[field] : undefined;
    if (typeof before === 'string') copy[field] = before;
    else problems.push(`${field} is "${SECRET_MASK}" but no value is stored for it: send the value itself`);
  }
  if (typeof copy.url === 'string') {
    const storedUrl = stored?.kind === kind ? (stored as unknown as Record<string, unknown>).url : undefined;
    const url = unmaskedWebhookUrl(copy.url, typeof storedUrl === 'string' ? storedUrl : undefined);
    copy.url = url.url;
    problems.push(...url.problems.map((p) => p.replace(/^webhook url/, 'url')));
  }
  return { target: copy as unknown as NotifyTarget, problems };
}

/** Every secret value of a target (for the log's redaction). Pure. */
export function notifyTargetSecrets(target: NotifyTarget): string[] {
  const fields = NOTIFY_SECRET_FIELDS[target.kind].map((f) => (target as unknown as Record<string, unknown>)[f]).filter((v): v is string => typeof v === 'string' && v !== '');
  const url = (target as unknown as Record<string, unknown>).url;
  return [...fields, ...(typeof url === 'string' ? webhookUrlSecrets(url) : [])];
}

/** True when a message of `level` goes to this target. Pure. */
export function targetWants(target: Pick<NotifyTarget, 'minLevel'>, level: NotifyLevel): boolean {
  return NOTIFY_LEVELS.indexOf(level) >= NOTIFY_LEVELS.indexOf(target.minLevel);
}

/** The config's targets after a put (replacing the one of the same name), sorted by name. Pure. */
export function withNotifyTarget(targets: readonly NotifyTarget[], target: NotifyTarget): NotifyTarget[] {
  return [...targets.filter((t) => t.name !== target.name), target].sort((a, b) => a.name.localeCompare(b.name));
}
