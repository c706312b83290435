import { describe, expect, it } from 'vitest';
import type { Incident } from '../incidents/group-incidents';
import { renderMessage } from './notify-message';
import { ntfyRequest, scriptInvocation, webhookRequest } from './notify-requests';
import { signatureMatches, signBody } from './notify-signature';
import { MAX_ATTEMPTS, retryDelayMs } from './retry-schedule';

const incident: Incident = {
  id: 'node2#41',
  trigger: { kind: 'node-lost', node: 'node1' },
  openedAt: '2026-01-01T00:01:40.000Z',
  resolvedAt: '2026-01-01T00:01:45.000Z',
  fences: [{ node: 'node1', device: 'pdu', ok: true, ms: 800, at: '2026-01-01T00:01:41.000Z' }],
  groups: [{ group: 'web', from: 'node1', to: 'node2', servedAt: '2026-01-01T00:01:44.000Z', downtimeMs: 4_000 }],
  events: [],
};
const open: Incident = { ...incident, resolvedAt: null, groups: [{ group: 'web', from: 'node1', to: null, servedAt: null, downtimeMs: null }] };
const input = { cluster: 'prod', sender: 'node2', target: 'ops' } as const;

describe('renderMessage', () => {
  it('an opened incident in French (default): the node, the fence, the groups', () => {
    const m = renderMessage({ ...input, kind: 'opened', incident: open, language: 'fr' });
    expect(m.title).toBe('sfha prod: incident ouvert — nœud node1 perdu');
    expect(m.text).toBe(
      ['Ouvert à 2026-01-01 00:01:40 UTC.', 'Fencing de node1 par pdu : confirmé en 0,8 s.', 'Groupe web (sur node1) : en attente d’un nœud.', 'Envoyé par node2 (leader).', 'Incident node2#41.'].join(
        '\n',
      ),
    );
    expect(m).toMatchObject({ level: 'warn', incidentId: 'node2#41', triggerKind: 'node-lost', node: 'node1' });
  });
  it('a resolved incident in English, with each group’s measured downtime and the incident’s length', () => {
    const m = renderMessage({ ...input, kind: 'resolved', incident, language: 'en' });
    expect(m.title).toBe('sfha prod: incident resolved — node node1 lost');
    expect(m.text).toContain('Resolved at 2026-01-01 00:01:45 UTC, after 5.0 s.');
    expect(m.text).toContain('Group web: node1 → node2, down for 4.0 s.');
    expect(m.level).toBe('info');
  });
  it('a failed fence raises an opening to error', () => {
    expect(renderMessage({ ...input, kind: 'opened', incident: { ...open, fences: incident.fences.map((f) => ({ ...f, ok: false })) }, language: 'en' }).level).toBe('error');
  });
  it('a test message names the target and the sender', () => {
    expect(renderMessage({ ...input, kind: 'test', incident: null, language: 'en' })).toMatchObject({
      kind: 'test',
      triggerKind: 'test',
      node: 'node2',
      text: 'Test message of target "ops", sent by node2. If you read this, it works.',
    });
  });
});

describe('signing', () => {
  it('signs the raw body with HMAC-SHA256 (a known vector)', () => {
    // echo -n '{"a":1}' | openssl dgst -sha256 -hmac key
    expect(signBody('key', '{"a":1}')).toBe('sha256=88a67f24bbcdaed0e6c997404bb79a743baf44c6bab2f4c27328e3009d22e342');
  });
  it('a webhook request carries the signature of exactly its body; a receiver detects any change', () => {
    const m = renderMessage({ ...input, kind: 'resolved', incident, language: 'fr' });
    const req = webhookRequest(
      { name: 'ops', kind: 'webhook', url: 'http://10.0.0.1/hook', secret: 's3cret', events: 'incidents', minLevel: 'info', language: 'fr' },
      { source: 'sfha', cluster: 'prod', target: 'ops', event: 'resolved', level: m.level, title: m.title, text: m.text, sender: 'node2', sentAt: 'now', incident },
    );
    expect(signatureMatches('s3cret', req.body, req.headers['X-Sfha-Signature'])).toBe(true);
    expect(signatureMatches('s3cret', req.body.replace('4000', '4001'), req.headers['X-Sfha-Signature'])).toBe(false);
    expect(signatureMatches('other', req.body, req.headers['X-Sfha-Signature'])).toBe(false);
  });
  it('no secret, no signature header', () => {
    const req = webhookRequest({ name: 'ops', kind: 'webhook', url: 'http://h/', events: 'incidents', minLevel: 'info', language: 'fr' }, {} as never);
    expect(req.headers['X-Sfha-Signature']).toBeUndefined();
  });
});

describe('ntfy and script shaping', () => {
  it('ntfy: JSON publish to the server root with the topic and a bearer token', () => {
    const m = renderMessage({ ...input, kind: 'opened', incident: open, language: 'en' });
    const req = ntfyRequest({ name: 'p', kind: 'ntfy', url: 'https://ntfy.example.test/', topic: 'ha', token: 'tk', events: 'incidents', minLevel: 'info', language: 'en' }, m);
    expect(req.url).toBe('https://ntfy.example.test/');
    expect(req.headers.authorization).toBe('Bearer tk');
    expect(JSON.parse(req.body)).toMatchObject({ topic: 'ha', title: m.title, priority: 4 });
  });
  it('script: the documented arguments and SFHA_* variables', () => {
    const m = renderMessage({ ...input, kind: 'resolved', incident, language: 'en' });
    const run = scriptInvocation(m, incident, input);
    expect(run.args).toEqual(['resolved', 'node2#41', 'node-lost', 'node1']);
    expect(run.env).toMatchObject({
      SFHA_EVENT: 'resolved',
      SFHA_INCIDENT_ID: 'node2#41',
      SFHA_NODE: 'node1',
      SFHA_DOWNTIME_MS: '4000',
      SFHA_GROUPS: 'web:node1>node2:4000',
      SFHA_FENCES: 'node1:pdu:ok:800',
    });
  });
});

describe('retry schedule', () => {
  it('backs off 5 s, 30 s, 2 min, 10 min, then gives up after five attempts', () => {
    expect([1, 2, 3, 4, 5].map(retryDelayMs)).toEqual([5_000, 30_000, 120_000, 600_000, null]);
    expect(MAX_ATTEMPTS).toBe(5);
  });
});
