import { readFileSync } from 'node:fs';
import type { Schemas } from '@sfha/contracts';
import { CliError } from '../agent-session';
import { command, printJson } from '../command-context';
import { columns } from '../format-table';
import { headerFileLines } from '../header-file';
import type { Messages } from '../i18n';

type Target = Schemas['NotifyTargetDto'];
type PutTarget = Schemas['PutNotifyTargetDto'];

const MASK = '********';
/** The secret field of each kind: what --secret-file fills in. */
const SECRET_FIELD: Record<string, 'secret' | 'password' | 'token' | undefined> = { webhook: 'secret', email: 'password', ntfy: 'token', gotify: 'token', script: undefined };
const KIND_OPTIONS = ['webhook', 'email', 'ntfy', 'gotify', 'script'] as const;
const DEFAULT_SMTP_PORT: Record<string, number> = { none: 25, starttls: 587, tls: 465 };

/** One line of what a target sends to (never a secret). */
function destination(t: Target): string {
  switch (t.kind) {
    case 'email':
      return `${(t.to ?? []).join(', ')} via ${t.host ?? ''}:${t.port ?? ''} (${t.tls ?? ''})`;
    case 'ntfy':
      return `${t.url ?? ''} ${t.topic ?? ''}`;
    case 'script':
      return t.path ?? '';
    default:
      return t.url ?? '';
  }
}

export const notifyListCommand = command('notify list', async ({ m, out, json, api }) => {
  const targets = await api((c) => c.GET('/api/v1/notifications/targets'));
  if (json) return printJson(out, targets);
  if (targets.length === 0) return out(m.notify.none);
  out(columns([m.notify.header, ...targets.map((t) => [t.name, t.kind, destination(t), t.minLevel, t.language])]));
});

/** `--secret-file FILE`: the first non-comment line (secrets stay off the command line, `ps` and shell history). */
function readSecret(file: string, m: Messages): string {
  try {
    return headerFileLines(readFileSync(file, 'utf8'))[0] ?? '';
  } catch (error) {
    throw new CliError(m.notify.secretFileUnreadable(file, (error as NodeJS.ErrnoException).code ?? (error as Error).message));
  }
}

/** The option parser keeps the last value: repeated --to are read from the raw arguments. */
const repeated = (args: readonly string[], name: string) =>
  args.flatMap((a, i) => (a === `--${name}` && args[i + 1] !== undefined ? [args[i + 1] ?? ''] : a.startsWith(`--${name}=`) ? [a.slice(name.length + 3)] : []));

export const notifySetCommand = command('notify set', async ({ args, m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  const kinds = KIND_OPTIONS.filter((k) => options.values.has(k));
  const kind = kinds[0];
  if (!name || kinds.length !== 1 || !kind) throw usage();
  const value = options.values.get(kind) ?? '';
  const get = (o: string) => options.values.get(o);
  const tls = get('tls') ?? 'starttls';
  const port = get('port');
  const fields: Partial<PutTarget> =
    kind === 'email'
      ? { host: value, port: port === undefined ? (DEFAULT_SMTP_PORT[tls] ?? 587) : Number(port), tls: tls as PutTarget['tls'], user: get('user'), from: get('from'), to: repeated(args.rest, 'to') }
      : kind === 'script'
        ? { path: value }
        : kind === 'ntfy'
          ? { url: value, topic: get('topic') }
          : { url: value };
  const secretField = SECRET_FIELD[kind];
  const secretFile = get('secret-file');
  if (secretField) {
    if (secretFile) fields[secretField] = readSecret(secretFile, m);
    else {
      // Not given again: the stored one stays (the agent replaces the mask with it).
      const existing = (await api((c) => c.GET('/api/v1/notifications/targets'))).find((t) => t.name === name);
      if (existing?.kind === kind && existing[secretField] === MASK) fields[secretField] = MASK;
    }
  }
  const body = { kind, events: 'incidents', minLevel: (get('min-level') ?? 'info') as PutTarget['minLevel'], language: (get('language') ?? 'fr') as PutTarget['language'], ...fields } as PutTarget;
  const target = await api((c) => c.PUT('/api/v1/notifications/targets/{name}', { params: { path: { name } }, body }));
  if (json) return printJson(out, target);
  out(m.notify.set(name, target.kind, destination(target)));
});

export const notifyRemoveCommand = command('notify remove', async ({ m, out, options, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  await api((c) => c.DELETE('/api/v1/notifications/targets/{name}', { params: { path: { name } } }));
  out(m.notify.removed(name));
});

export const notifyTestCommand = command('notify test', async ({ m, out, options, json, usage, api }) => {
  const name = options.positional[0];
  if (!name) throw usage();
  const result = await api((c) => c.POST('/api/v1/notifications/targets/{name}/test', { params: { path: { name } } }));
  if (json) return printJson(out, result);
  if (!result.ok) throw new CliError(m.notify.testFailed(name, result.error ?? '', result.ms));
  out(m.notify.testOk(name, result.ms));
});

export const notifyLogCommand = command('notify log', async ({ m, out, json, api }) => {
  const deliveries = await api((c) => c.GET('/api/v1/notifications/deliveries'));
  if (json) return printJson(out, deliveries);
  if (deliveries.length === 0) return out(m.notify.noDeliveries);
  out(
    columns([
      m.notify.logHeader,
      ...deliveries.map((d) => [d.at, d.target, m.notify.kinds[d.kind] ?? d.kind, d.incident ?? '-', String(d.attempt), d.ok ? 'ok' : `${m.stonith.failed}: ${d.error ?? ''}`]),
    ]),
  );
});
