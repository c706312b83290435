import { SECRET_MASK } from './fence-secrets';

/**
 * The webhook fence protocol: sfha POSTs `{action, node, plug, device, cluster}` as JSON to the
 * admin's URL. For `status`, the answer says the power: `{"power": "on"|"off"}` (or `"state"`,
 * as a PDU often names it). A 2xx to `off` or `on` only says the request was taken: like the
 * fence agents, sfha then asks `status` until the power is what was asked, within the device's
 * timeout. A `reboot` cannot be observed that way: only 200 or 204 (done) confirm it.
 */

/** Where a webhook device sends its requests. Header values are secrets (Authorization…). */
export interface WebhookTarget {
  url: string;
  headers: Record<string, string>;
}

export const FENCE_ACTIONS = ['off', 'on', 'reboot', 'status'] as const;
export type FenceAction = (typeof FENCE_ACTIONS)[number];

export interface WebhookRequest {
  action: FenceAction;
  /** The sfha node name. */
  node: string;
  /** What the target calls the node (the device's host map). */
  plug: string;
  device: string;
  cluster: string;
}

/** Same exit codes as fence-agents, so both kinds follow one path: 0 done / power on, 2 power off, 1 failed. */
export type WebhookOutcome = { exitCode: 0 | 1 | 2; output: string };

// RFC 7230 token: what a header name may be.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}$/;
// Set by sfha, or refused by Node's fetch (every fence would then fail).
const RESERVED_HEADERS = ['content-type', 'content-length', 'host', 'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'expect'];
// What fetch can send: visible ASCII, spaces and tabs (no control character, nothing past U+007E).
const HEADER_VALUE = /^[\t\x20-\x7e]+$/;

/** Every problem of a webhook target, for one clear 400. Pure. */
export function webhookProblems(target: Partial<WebhookTarget> | undefined): string[] {
  if (!target || typeof target !== 'object') return ['webhook needs a url'];
  const problems: string[] = [];
  let url: URL | null = null;
  try {
    url = typeof target.url === 'string' ? new URL(target.url) : null;
  } catch {
    url = null;
  }
  // Not echoed: a URL often carries a token.
  if (!url) problems.push('webhook url is not a URL (e.g. https://pdu.example/fence)');
  else if (url.protocol !== 'http:' && url.protocol !== 'https:') problems.push(`webhook url must be http:// or https://, not ${url.protocol}//`);
  else if (url.username || url.password) problems.push('webhook url must not carry credentials: send them in a header (--header "Authorization: …")');
  const headers = target.headers ?? {};
  if (typeof headers !== 'object' || Array.isArray(headers)) return [...problems, 'webhook headers must be an object of name → value'];
  for (const [name, value] of Object.entries(headers)) {
    if (!HEADER_NAME.test(name)) problems.push(`webhook header name "${name}" is not valid`);
    else if (RESERVED_HEADERS.includes(name.toLowerCase())) problems.push(`webhook header ${name} is set by sfha`);
    else if (typeof value !== 'string' || !HEADER_VALUE.test(value)) problems.push(`webhook header ${name} must be a non-empty value of visible ASCII characters, spaces or tabs`);
  }
  return problems;
}

/** The URL as answers and logs show it: each query value masked (tokens often ride there). Pure. */
export function maskedWebhookUrl(url: string): string {
  const query = urlQuery(url);
  if (!query || query.length === 0) return url;
  const parsed = new URL(url);
  return `${parsed.origin}${parsed.pathname}?${query.map(([name]) => `${encodeURIComponent(name)}=${SECRET_MASK}`).join('&')}${parsed.hash}`;
}

/**
 * The URL to store: the stored one when the masked form of it was sent back. Problems when a
 * masked query value stays (it matches no stored URL). Pure.
 */
export function unmaskedWebhookUrl(sent: string, stored: string | undefined): { url: string; problems: string[] } {
  const url = stored !== undefined && sent === maskedWebhookUrl(stored) ? stored : sent;
  const masked = (urlQuery(url) ?? []).some(([, value]) => value === SECRET_MASK);
  return { url, problems: masked ? [`webhook url has a masked query value ("${SECRET_MASK}") but is not the stored URL: send its values`] : [] };
}

/** The URL's query values: secrets to mask wherever they could show. Pure. */
export function webhookUrlSecrets(url: string): string[] {
  return (urlQuery(url) ?? []).map(([, value]) => value).filter((value) => value !== '');
}

function urlQuery(url: string): [string, string][] | null {
  try {
    return [...new URL(url).searchParams];
  } catch {
    return null;
  }
}

/** Whether `action` is one sfha sends; anything else is refused before any request. Pure. */
export function isFenceAction(action: string): action is FenceAction {
  return (FENCE_ACTIONS as readonly string[]).includes(action);
}

/** What the target answered, as a fence-agent exit code. Pure. */
export function interpretWebhookAnswer(action: FenceAction, status: number, body: string): WebhookOutcome {
  const excerpt = body.trim().replace(/\s+/g, ' ').slice(0, 200);
  if (status < 200 || status > 299) return { exitCode: 1, output: `HTTP ${status}${excerpt ? `: ${excerpt}` : ''}` };
  if (action === 'reboot' && status !== 200 && status !== 204) return { exitCode: 1, output: `HTTP ${status}: the reboot was accepted, not done (answer 200 or 204 once it is)` };
  if (action !== 'status') return { exitCode: 0, output: `HTTP ${status}` };
  const power = powerOf(body);
  if (power === 'on') return { exitCode: 0, output: `HTTP ${status}: on` };
  if (power === 'off') return { exitCode: 2, output: `HTTP ${status}: off` };
  return { exitCode: 1, output: `HTTP ${status} but the answer does not say on or off (expected {"power":"on"|"off"})` };
}

/** The power `status` must report before an action counts as done; null when status cannot tell (reboot, status). Pure. */
export function powerAfter(action: FenceAction): 'on' | 'off' | null {
  return action === 'off' ? 'off' : action === 'on' ? 'on' : null;
}

/** Whether a `status` outcome shows the expected power (exit code 2 off, 0 on). Pure. */
export function statusShows(power: 'on' | 'off', status: WebhookOutcome): boolean {
  return status.exitCode === (power === 'off' ? 2 : 0);
}

function powerOf(body: string): string | null {
  const text = body.trim();
  if (text === 'on' || text === 'off') return text;
  try {
    const parsed = JSON.parse(text) as { power?: unknown; state?: unknown };
    const value = parsed.power ?? parsed.state;
    return typeof value === 'string' ? value.toLowerCase() : null;
  } catch {
    return null;
  }
}
