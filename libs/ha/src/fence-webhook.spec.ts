import { describe, expect, it } from 'vitest';
import { applyChange, changeProblems, DEFAULT_CLUSTER_CONFIG } from './cluster-config';
import { interpretWebhookAnswer, isFenceAction, webhookProblems } from './fence-webhook';

describe('webhook fence targets', () => {
  it('accepts an http(s) URL with one-line headers', () => {
    expect(webhookProblems({ url: 'https://pdu.example/fence', headers: { Authorization: 'Bearer abc' } })).toEqual([]);
    expect(webhookProblems({ url: 'http://192.0.2.254:7700/webhook', headers: {} })).toEqual([]);
  });

  it('names every problem: bad URL, other scheme, credentials in the URL, bad or reserved headers', () => {
    expect(webhookProblems({ url: 'pdu.example/fence', headers: {} })).toEqual(['webhook url "pdu.example/fence" is not a URL (e.g. https://pdu.example/fence)']);
    expect(webhookProblems({ url: 'ftp://pdu.example/', headers: {} })).toEqual(['webhook url must be http:// or https://, not ftp://']);
    expect(webhookProblems({ url: 'https://admin:pw@pdu.example/', headers: {} })).toEqual(['webhook url must not carry credentials: send them in a header (--header "Authorization: …")']);
    expect(webhookProblems({ url: 'https://pdu.example/', headers: { 'Bad Name': 'x', 'Content-Type': 'text/plain', 'X-Token': 'a\r\nInjected: 1' } })).toEqual([
      'webhook header name "Bad Name" is not valid',
      'webhook header Content-Type is set by sfha',
      'webhook header X-Token must be a non-empty one-line value',
    ]);
    expect(webhookProblems(undefined)).toEqual(['webhook needs a url']);
  });

  it('knows the four actions and nothing else', () => {
    expect(['off', 'on', 'reboot', 'status'].every(isFenceAction)).toBe(true);
    expect(isFenceAction('destroy')).toBe(false);
  });
});

describe('webhook answers, read as fence-agent exit codes', () => {
  it('confirms off, on and reboot on any 2xx, and fails on anything else', () => {
    expect(interpretWebhookAnswer('off', 200, '{}')).toEqual({ exitCode: 0, output: 'HTTP 200' });
    expect(interpretWebhookAnswer('reboot', 204, '')).toEqual({ exitCode: 0, output: 'HTTP 204' });
    expect(interpretWebhookAnswer('off', 500, '{"error": "controller\n failure"}')).toEqual({ exitCode: 1, output: 'HTTP 500: {"error": "controller failure"}' });
    expect(interpretWebhookAnswer('off', 302, '')).toEqual({ exitCode: 1, output: 'HTTP 302' });
  });

  it('reads the power from a status answer: on 0, off 2, anything unclear a failure', () => {
    expect(interpretWebhookAnswer('status', 200, '{"power":"on"}').exitCode).toBe(0);
    expect(interpretWebhookAnswer('status', 200, '{"node":"node3","state":"off"}').exitCode).toBe(2);
    expect(interpretWebhookAnswer('status', 200, 'OFF'.toLowerCase()).exitCode).toBe(2);
    expect(interpretWebhookAnswer('status', 200, '{"ok":true}')).toEqual({ exitCode: 1, output: 'HTTP 200 but the answer does not say on or off (expected {"power":"on"|"off"})' });
    expect(interpretWebhookAnswer('status', 503, '{"power":"on"}').exitCode).toBe(1);
  });
});

describe('webhook devices in the replicated config', () => {
  const device = { name: 'pdu', kind: 'webhook' as const, webhook: { url: 'https://pdu.example/fence', headers: { Authorization: 'Bearer abc' } }, hostMap: { node1: 'outlet1' }, timeoutSeconds: 5 };

  it('are checked like agent devices (URL, host map, timeout), and stored', () => {
    const config = { ...DEFAULT_CLUSTER_CONFIG, fenceDevices: [] };
    expect(changeProblems(config, { kind: 'put-fence-device', device })).toEqual([]);
    expect(changeProblems(config, { kind: 'put-fence-device', device: { ...device, webhook: { url: 'nope', headers: {} }, hostMap: {}, timeoutSeconds: 0 } })).toEqual([
      'webhook url "nope" is not a URL (e.g. https://pdu.example/fence)',
      'hostMap must name at least one node and its plug',
      'timeoutSeconds must be from 1 to 600',
    ]);
    expect(applyChange(config, { kind: 'put-fence-device', device }).fenceDevices).toEqual([device]);
  });

  it('leave older agent devices (no kind) valid', () => {
    const agent = { name: 'lab', agent: 'fence_sfha_lab', params: {}, hostMap: { node1: 'node1' }, timeoutSeconds: 30 };
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device: agent })).toEqual([]);
  });
});
