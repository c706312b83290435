import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FenceAction } from '../fence-webhook';
import { createFenceWebhookDriver } from './fence-webhook.driver';

const SECRET = 'Bearer s3cret-token';
const received: { body: unknown; authorization: string | undefined; contentType: string | undefined }[] = [];
// /slow: off is accepted (202) and done after two status requests; /ignores: 202, the power stays on.
let slowStatuses = 0;
const server = createServer((req: IncomingMessage, res) => {
  let text = '';
  req.on('data', (c: Buffer) => (text += c.toString()));
  req.on('end', () => {
    const body = JSON.parse(text) as { action: string };
    received.push({ body, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
    const answer = (status: number, power: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ power }));
    if (req.url === '/hang') return;
    if (req.url === '/echo-secret') return res.writeHead(500).end(`denied for ${req.headers.authorization ?? ''}`);
    if (req.url === '/slow' && body.action === 'off') return ((slowStatuses = 0), answer(202, 'on'));
    if (req.url === '/slow') return answer(200, ++slowStatuses > 2 ? 'off' : 'on');
    if (req.url === '/ignores') return answer(body.action === 'status' ? 200 : 202, 'on');
    answer(200, 'off');
  });
});
let base = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const driver = createFenceWebhookDriver({ statusPollMs: 20 });
const request = (action: FenceAction) => ({ action, node: 'node3', plug: 'outlet3', device: 'pdu', cluster: 'prod' });
const options = { timeoutMs: 300, secrets: [SECRET] };
// Room for a request and a few status polls on a loaded machine.
const roomy = { ...options, timeoutMs: 5_000 };

describe('the webhook fence driver (a real HTTP server on loopback)', () => {
  it('POSTs the JSON request with the admin’s headers, then confirms off only once status says off', async () => {
    const count = received.length;
    expect(await driver.run({ url: `${base}/fence`, headers: { Authorization: SECRET } }, request('off'), roomy)).toMatchObject({ exitCode: 0, output: 'HTTP 200; status: off' });
    expect(received.slice(count)).toEqual([
      { body: request('off'), authorization: SECRET, contentType: 'application/json' },
      { body: request('status'), authorization: SECRET, contentType: 'application/json' },
    ]);
    expect((await driver.run({ url: `${base}/fence`, headers: {} }, request('status'), options)).exitCode).toBe(2);
  });

  it('waits for an accepted (202) off to show in status, within the device timeout', async () => {
    const count = received.length;
    expect(await driver.run({ url: `${base}/slow`, headers: {} }, request('off'), roomy)).toMatchObject({ exitCode: 0, output: 'HTTP 202; status: off' });
    expect(received.slice(count).map((r) => (r.body as { action: string }).action)).toEqual(['off', 'status', 'status', 'status']);
  });

  it('does not confirm an off the target accepted while the power stays on', async () => {
    const count = received.length;
    const run = await driver.run({ url: `${base}/ignores`, headers: {} }, request('off'), { ...options, timeoutMs: 1_000 });
    expect(run.exitCode).toBe(1);
    // The last status answered "on" (or, on a loaded machine, was cut short by the deadline).
    expect(run.output).toMatch(/^HTTP 202 but the power was not off within 1000 ms \(last status: (HTTP 200: on|no answer from the webhook in \d+ ms)\)$/);
    expect(run.durationMs).toBeGreaterThanOrEqual(950); // asked until the last poll interval before the timeout
    expect(received.slice(count).filter((r) => (r.body as { action: string }).action === 'status').length).toBeGreaterThan(3);
    expect((await driver.run({ url: `${base}/ignores`, headers: {} }, request('reboot'), roomy)).output).toBe('HTTP 202: the reboot was accepted, not done (answer 200 or 204 once it is)');
  });

  it('fails when the target does not answer in time, or is unreachable', async () => {
    const hang = await driver.run({ url: `${base}/hang`, headers: {} }, request('off'), options);
    expect(hang).toMatchObject({ exitCode: 1, output: 'no answer from the webhook in 300 ms' });
    expect(hang.durationMs).toBeGreaterThanOrEqual(290);
    const gone = createServer();
    await new Promise<void>((resolve) => gone.listen(0, '127.0.0.1', resolve));
    const port = (gone.address() as AddressInfo).port;
    await new Promise((resolve) => gone.close(resolve));
    const closed = await driver.run({ url: `http://127.0.0.1:${port}/fence`, headers: {} }, request('off'), options);
    expect(closed.exitCode).toBe(1);
    expect(closed.output).toContain('webhook unreachable: connect ECONNREFUSED');
  });

  it('masks a secret the target echoes back, and refuses an unknown action without a request', async () => {
    const run = await driver.run({ url: `${base}/echo-secret`, headers: { Authorization: SECRET } }, request('off'), options);
    expect(run).toMatchObject({ exitCode: 1, output: 'HTTP 500: denied for [REDACTED]' });
    const count = received.length;
    expect((await driver.run({ url: `${base}/fence`, headers: {} }, { ...request('off'), action: 'destroy' as FenceAction }, options)).output).toBe(
      'unknown action "destroy" (off, on, reboot or status)',
    );
    expect(received).toHaveLength(count);
  });
});
