import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
/** A webhook receiver on loopback: a refused target must never be called. */
let receiver: Server;
let hookUrl: string;
const received: { headers: IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
  // A webhook receiver on loopback (this test's own process).
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(req.url === '/fail' ? 500 : 204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
}, 60_000);
afterAll(async () => {
  await agent.close();
  receiver.close();
});

interface Answer {
  status: number;
  body: { code?: string; message?: string; [key: string]: unknown };
}
const send = async (method: string, path: string, body?: unknown): Promise<Answer> => {
  const res = await agent.request(method, path, { token, body });
  return { status: res.status, body: res.body as Answer['body'] };
};
const generation = async () => (await send('GET', '/api/v1/cluster/config')).body.generation;

describe('notification targets on a real agent', () => {
  it('refuses bad input with a 400 naming the field, and changes nothing', async () => {
    const before = await generation();
    const dir = mkdtempSync(join(tmpdir(), 'sfha-notify-'));
    const notExecutable = join(dir, 'plain.sh');
    writeFileSync(notExecutable, '#!/bin/sh\n');
    const cases: [unknown, string][] = [
      [{ kind: 'webhook', url: 'not a url' }, 'url is not a valid URL'],
      [{ kind: 'email', host: 'smtp.example.test', port: 25, tls: 'none', from: 'sfha@example.test', to: ['ops'] }, 'to[0] is not an email address'],
      [{ kind: 'script', path: 'relative.sh' }, 'path must be an absolute path'],
      [{ kind: 'script', path: notExecutable }, `path ${notExecutable} is not executable`],
      [{ kind: 'script', path: join(dir, 'absent') }, 'does not exist on this node'],
      [{ kind: 'pager' }, 'kind must be one of webhook, email, ntfy, gotify, script'],
      [{ kind: 'ntfy', url: 'https://ntfy.example.test', topic: 'a b' }, 'topic must be'],
    ];
    for (const [body, message] of cases) {
      const res = await send('PUT', '/api/v1/notifications/targets/bad', body);
      expect(res, JSON.stringify(body)).toMatchObject({ status: 400 });
      expect(res.body.message).toContain(message);
    }
    expect((await send('PUT', '/api/v1/notifications/targets/Bad%20Name', { kind: 'webhook', url: hookUrl })).status).toBe(400);
    expect(await generation()).toBe(before);
    expect((await send('GET', '/api/v1/notifications/targets')).body).toEqual([]);
  });

  it('a valid target needs a cluster (majority commit): 409, nothing changed; unknown names are 404', async () => {
    const before = await generation();
    expect(await send('PUT', '/api/v1/notifications/targets/ops', { kind: 'webhook', url: hookUrl, secret: 'k3y' })).toMatchObject({ status: 409, body: { code: 'NOT_IN_CLUSTER' } });
    expect(await generation()).toBe(before);
    expect((await send('POST', '/api/v1/notifications/targets/ops/test')).status).toBe(404);
    expect((await send('DELETE', '/api/v1/notifications/targets/ops')).status).toBe(404);
    expect((await send('GET', '/api/v1/notifications/deliveries')).body).toEqual([]);
    expect(received).toEqual([]);
  });
});
