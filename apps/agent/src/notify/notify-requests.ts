import type { GotifyNotifyTarget, NotifyLevel, NtfyNotifyTarget, WebhookNotifyTarget } from '@sfha/ha';
import type { Incident } from '../incidents/group-incidents';
import type { NotifyMessage } from './notify-message';
import { SIGNATURE_HEADER, signBody } from './notify-signature';

/** One HTTP call, ready to send (pure shaping: the sender only carries it out). */
export interface HttpNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
}

/** What a webhook receives (JSON, documented in docs/architecture.md "Notifications"). */
export interface WebhookPayload {
  source: 'sfha';
  cluster: string;
  target: string;
  /** opened, resolved or test. */
  event: NotifyMessage['kind'];
  level: NotifyLevel;
  title: string;
  text: string;
  /** The node that sent it (the leader). */
  sender: string;
  sentAt: string;
  incident: Incident | null;
}

/** The webhook call: JSON, signed over the raw body when the target has a secret. Pure. */
export function webhookRequest(target: WebhookNotifyTarget, payload: WebhookPayload): HttpNotification {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'sfha-notify' };
  if (target.secret) headers[SIGNATURE_HEADER] = signBody(target.secret, body);
  return { url: target.url, headers, body };
}

const NTFY_PRIORITY: Record<NotifyLevel, number> = { info: 3, warn: 4, error: 5 };
const GOTIFY_PRIORITY: Record<NotifyLevel, number> = { info: 2, warn: 5, error: 8 };

/** ntfy's JSON publishing: POST to the server root with the topic in the body. Pure. */
export function ntfyRequest(target: NtfyNotifyTarget, message: NotifyMessage): HttpNotification {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.token) headers.authorization = `Bearer ${target.token}`;
  const tags = message.kind === 'resolved' ? ['white_check_mark'] : message.kind === 'opened' ? ['warning'] : ['bell'];
  return {
    url: target.url.replace(/\/+$/, '') + '/',
    headers,
    body: JSON.stringify({ topic: target.topic, title: message.title, message: message.text, priority: NTFY_PRIORITY[message.level], tags }),
  };
}

/** Gotify's message API: POST {url}/message with the application token. Pure. */
export function gotifyRequest(target: GotifyNotifyTarget, message: NotifyMessage): HttpNotification {
  return {
    url: `${target.url.replace(/\/+$/, '')}/message`,
    headers: { 'content-type': 'application/json', 'x-gotify-key': target.token },
    body: JSON.stringify({ title: message.title, message: message.text, priority: GOTIFY_PRIORITY[message.level] }),
  };
}

/**
 * A script target's arguments and environment (keepalived notify style):
 * `$1=opened|resolved|test $2=incident-id $3=trigger-kind $4=node`. Pure.
 */
export function scriptInvocation(message: NotifyMessage, incident: Incident | null, context: { cluster: string; target: string; sender: string }): { args: string[]; env: Record<string, string> } {
  const downtimes = (incident?.groups ?? []).map((g) => g.downtimeMs).filter((ms): ms is number => ms !== null);
  return {
    args: [message.kind, message.incidentId ?? '', message.triggerKind, message.node],
    env: {
      SFHA_EVENT: message.kind,
      SFHA_INCIDENT_ID: message.incidentId ?? '',
      SFHA_TRIGGER: message.triggerKind,
      SFHA_NODE: message.node,
      SFHA_LEVEL: message.level,
      SFHA_CLUSTER: context.cluster,
      SFHA_TARGET: context.target,
      SFHA_SENDER: context.sender,
      SFHA_TITLE: message.title,
      SFHA_TEXT: message.text,
      SFHA_OPENED_AT: incident?.openedAt ?? '',
      SFHA_RESOLVED_AT: incident?.resolvedAt ?? '',
      SFHA_GROUPS: (incident?.groups ?? []).map((g) => `${g.group}:${g.from}>${g.to ?? ''}:${g.downtimeMs ?? ''}`).join(' '),
      SFHA_FENCES: (incident?.fences ?? []).map((f) => `${f.node}:${f.device}:${f.ok ? 'ok' : 'failed'}:${f.ms}`).join(' '),
      SFHA_DOWNTIME_MS: downtimes.length > 0 ? String(Math.max(...downtimes)) : '',
    },
  };
}
