import { describe, expect, it } from 'vitest';
import { applyChange, changeProblems, DEFAULT_CLUSTER_CONFIG } from './cluster-config';
import { interpretWebhookAnswer, isFenceAction, maskedWebhookUrl, powerAfter, statusShows, unmaskedWebhookUrl, webhookProblems, webhookUrlSecrets } from './fence-webhook';

describe('webhook fence targets', () => {
  it('accepts an http(s) URL with one-line headers', () => {
    expect(webhookProblems({ url: 'https://pdu.example/fence', headers: { Authorization: 'Bearer abc' } })).toEqual([]);
    expect(webhookProblems({ url: 'http://192.0.2.254:7700/webhook', headers: {} })).toEqual([]);
  });

  it('names every problem: bad URL, other scheme, credentials in the URL, bad or reserved headers', () => {
    expect(webhookProblems({ url: 'pdu.example/fence?token=s3cret', headers: {} })).toEqual(['webhook url is not a URL (e.g. https://pdu.example/fence)']);
    expect(webhookProblems({ url: 'ftp://pdu.example/', headers: {} })).toEqual(['webhook url must be http:// or https://, not ftp://']);
    expect(webhookProblems({ url: 'https://admin:pw@pdu.example/', headers: {} })).toEqual(['webhook url must not carry credentials: send them in a header (--header "Authorization: …")']);
    expect(webhookProblems({ url: 'https://pdu.example/', headers: { 'Bad Name': 'x', 'Content-Type': 'text/plain', 'X-Token': 'a\r\nInjected: 1' } })).toEqual([
      'webhook header name "Bad Name" is not valid',
      'webhook header Content-Type is set by sfha',
      'webhook header X-Token must be a non-empty value of visible ASCII characters, spaces or tabs',
    ]);
    expect(webhookProblems(undefined)).toEqual(['webhook needs a url']);
  });

  it('refuses the headers fetch would refuse at every fence: hop-by-hop names, values past ASCII or with control characters', () => {
    const problems = (headers: Record<string, string>) => webhookProblems({ url: 'https://pdu.example/', headers });
    expect(problems({ Upgrade: 'h2c', Expect: '100-continue', 'Keep-Alive': 'timeout=5' })).toEqual([
      'webhook header Upgrade is set by sfha',
      'webhook header Expect is set by sfha',
      'webhook header Keep-Alive is set by sfha',
    ]);
    expect(problems({ 'X-Euro': '€5', 'X-Bell': 'a\u0007b', 'X-Empty': '' })).toEqual([
      'webhook header X-Euro must be a non-empty value of visible ASCII characters, spaces or tabs',
      'webhook header X-Bell must be a non-empty value of visible ASCII characters, spaces or tabs',
      'webhook header X-Empty must be a non-empty value of visible ASCII characters, spaces or tabs',
    ]);
    expect(problems({ Authorization: 'Bearer a.b-c_d~e+f/g=', 'X-Tabbed': 'a\tb c' })).toEqual([]);
  });

  it('masks the URL’s query values in what it shows, and keeps the stored URL when its masked form comes back', () => {
    const stored = 'https://pdu.example/hook?token=s3cret&plug=a#x';
    expect(maskedWebhookUrl(stored)).toBe('https://pdu.example/hook?token=********&plug=********#x');
    expect(maskedWebhookUrl('https://pdu.example/hook')).toBe('https://pdu.example/hook');
    expect(webhookUrlSecrets(stored)).toEqual(['s3cret', 'a']);
    expect(unmaskedWebhookUrl(maskedWebhookUrl(stored), stored)).toEqual({ url: stored, problems: [] });
    expect(unmaskedWebhookUrl('https://pdu.example/other?token=new', stored)).toEqual({ url: 'https://pdu.example/other?token=new', problems: [] });
    expect(unmaskedWebhookUrl('https://pdu.example/other?token=********', stored).problems).toEqual(['webhook url has a masked query value ("********") but is not the stored URL: send its values']);
    expect(unmaskedWebhookUrl('https://pdu.example/hook?token=********', undefined).problems).toHaveLength(1);
  });

  it('knows the four actions and nothing else', () => {
    expect(['off', 'on', 'reboot', 'status'].every(isFenceAction)).toBe(true);
    expect(isFenceAction('destroy')).toBe(false);
  });
});

describe('webhook answers, read as fence-agent exit codes', () => {
  it('takes off and on on any 2xx (status then confirms them), reboot only when done, and fails on anything else', () => {
    expect(interpretWebhookAnswer('off', 200, '{}')).toEqual({ exitCode: 0, output: 'HTTP 200' });
    expect(interpretWebhookAnswer('off', 202, '')).toEqual({ exitCode: 0, output: 'HTTP 202' });
    expect(interpretWebhookAnswer('reboot', 204, '')).toEqual({ exitCode: 0, output: 'HTTP 204' });
    expect(interpretWebhookAnswer('reboot', 202, '')).toEqual({ exitCode: 1, output: 'HTTP 202: the reboot was accepted, not done (answer 200 or 204 once it is)' });
    expect(interpretWebhookAnswer('off', 500, '{"error": "controller\n failure"}')).toEqual({ exitCode: 1, output: 'HTTP 500: {"error": "controller failure"}' });
    expect(interpretWebhookAnswer('off', 302, '')).toEqual({ exitCode: 1, output: 'HTTP 302' });
  });

  it('expects status to show off after off and on after on; a reboot or a status is not followed up', () => {
    expect([powerAfter('off'), powerAfter('on'), powerAfter('reboot'), powerAfter('status')]).toEqual(['off', 'on', null, null]);
    expect(statusShows('off', interpretWebhookAnswer('status', 200, '{"power":"off"}'))).toBe(true);
    expect(statusShows('off', interpretWebhookAnswer('status', 200, '{"power":"on"}'))).toBe(false);
    expect(statusShows('off', interpretWebhookAnswer('status', 500, ''))).toBe(false);
    expect(statusShows('on', interpretWebhookAnswer('status', 200, 'on'))).toBe(true);
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
      'webhook url is not a URL (e.g. https://pdu.example/fence)',
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
