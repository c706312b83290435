import type { Schemas } from '@sfha/contracts';

type Target = Schemas['NotifyTargetDto'];
type PutTarget = Schemas['PutNotifyTargetDto'];
export type NotifyKind = PutTarget['kind'];
export const NOTIFY_KINDS: readonly NotifyKind[] = ['webhook', 'email', 'ntfy', 'gotify', 'script'];
export const MASK = '********';

/** The form's values: text fields as typed; the secret empty means "keep the stored one". */
export interface TargetValues {
  name: string;
  kind: NotifyKind;
  url: string;
  topic: string;
  host: string;
  port: string;
  tls: NonNullable<PutTarget['tls']>;
  user: string;
  from: string;
  to: string;
  path: string;
  secret: string;
  minLevel: PutTarget['minLevel'];
  language: PutTarget['language'];
}

/** Which field holds each kind's secret (none for a script). */
export const SECRET_FIELD: Record<NotifyKind, 'secret' | 'password' | 'token' | null> = { webhook: 'secret', email: 'password', ntfy: 'token', gotify: 'token', script: null };

/** The form's starting values: a target's (its secret left empty), or a new webhook's. Pure. */
export function targetValues(existing?: Target): TargetValues {
  return {
    name: existing?.name ?? '',
    kind: existing?.kind ?? 'webhook',
    url: existing?.url ?? '',
    topic: existing?.topic ?? '',
    host: existing?.host ?? '',
    port: existing?.port === undefined ? '587' : String(existing.port),
    tls: existing?.tls ?? 'starttls',
    user: existing?.user ?? '',
    from: existing?.from ?? '',
    to: (existing?.to ?? []).join(', '),
    path: existing?.path ?? '',
    secret: '',
    minLevel: existing?.minLevel ?? 'info',
    language: existing?.language ?? 'fr',
  };
}

/** True when the target has a secret stored (shown masked): an empty secret field keeps it. Pure. */
export function keepsSecret(values: TargetValues, existing?: Target): boolean {
  const field = SECRET_FIELD[values.kind];
  return field !== null && existing?.kind === values.kind && existing[field] === MASK;
}

/** The body of PUT /notifications/targets/{name}: only the fields of the kind. Pure. */
export function putTargetBody(values: TargetValues, existing?: Target): PutTarget {
  const common = { kind: values.kind, events: 'incidents' as const, minLevel: values.minLevel, language: values.language };
  const field = SECRET_FIELD[values.kind];
  const secret = values.secret !== '' ? values.secret : keepsSecret(values, existing) ? MASK : undefined;
  const withSecret = field && secret !== undefined ? { [field]: secret } : {};
  switch (values.kind) {
    case 'webhook':
    case 'gotify':
      return { ...common, url: values.url.trim(), ...withSecret };
    case 'ntfy':
      return { ...common, url: values.url.trim(), topic: values.topic.trim(), ...withSecret };
    case 'script':
      return { ...common, path: values.path.trim() };
    case 'email':
      return {
        ...common,
        host: values.host.trim(),
        port: Number(values.port),
        tls: values.tls,
        ...(values.user.trim() ? { user: values.user.trim() } : {}),
        from: values.from.trim(),
        to: values.to.split(/[\s,;]+/).filter(Boolean),
        ...withSecret,
      };
  }
}

/** One line of where a target sends (never a secret). Pure. */
export function targetDestination(t: Target): string {
  if (t.kind === 'email') return `${(t.to ?? []).join(', ')} — ${t.host ?? ''}:${t.port ?? ''}`;
  if (t.kind === 'ntfy') return `${t.url ?? ''} (${t.topic ?? ''})`;
  if (t.kind === 'script') return t.path ?? '';
  return t.url ?? '';
}
