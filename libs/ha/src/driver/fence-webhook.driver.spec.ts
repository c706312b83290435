import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FenceAction } from '../fence-webhook';
import { createFenceWebhookDriver } from './fence-webhook.driver';

const SECRET = 'Bearer s3cret-token';
const received: { body: unknown; authorization: string | undefined; contentType: string | undefined }[] = [];
const server = createServer((req: IncomingMessage, res) => {
  let text = '';
  req.on('data', (c: Buffer) => (text += c.toString()));
  req.on('end', () => {
    received.push({ body: JSON.parse(text) as unknown, authorization: req.headers.authorization, contentType: req.headers['content-type'] });
    if (req.url === '/hang') return;
    if (req.url === '/echo-secret') return res.writeHead(500).end(`denied for ${req.headers.authorization ?? ''}`);
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ power: 'off' }));
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

const driver = createFenceWebhookDriver();
const request = (action: FenceAction) => ({ action, node: 'node3', plug: 'outlet3', device: 'pdu', cluster: 'prod' });
const options = { timeoutMs: 300, secrets: [SECRET] };

describe('the webhook fence driver (a real HTTP server on loopback)', () => {
  it('POSTs the JSON request with the admin’s headers; 2xx confirms, status reads the power', async () => {
    expect(await driver.run({ url: `${base}/fence`, headers: { Authorization: SECRET } }, request('off'), options)).toMatchObject({ exitCode: 0, output: 'HTTP 200' });
    expect(received.at(-1)).toEqual({ body: request('off'), authorization: SECRET, contentType: 'application/json' });
    expect((await driver.run({ url: `${base}/fence`, headers: {} }, request('status'), options)).exitCode).toBe(2);
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
    expect((await driver.run({ url: `${base}/fence`, headers: {} }, { ...request('off'), action: 'destroy' as FenceAction }, options)).output).toBe('unknown action "destroy" (off, on, reboot or status)');
    expect(received).toHaveLength(count);
  });
});
