import { signPeerRequest } from '@sfha/mesh';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { PeerApiServer } from './peer-api.server';
import { PeerClient, PeerProtocolError } from './peer-client';
import { PeerIdentitySource } from './peer-identity';
import { PEER_ROUTES, type PeerRoute } from './peer-routes';

const SECRET = 'the cluster secret of this test';
const ROUTES: PeerRoute[] = Object.values(PEER_ROUTES);

let server: PeerApiServer;
let client: PeerClient;
let port: number;
let logs: string[];
/** What each handler answers: garbage unless a test says otherwise. */
const answers = new Map<string, unknown>();
const calls: string[] = [];

beforeAll(async () => {
  logs = [];
  const identity = new PeerIdentitySource();
  identity.use(() => ({ secret: SECRET, nodeName: 'node1', port, members: [{ name: 'node1', meshIp: '127.0.0.1' }] }));
  server = new PeerApiServer(identity, new JsonLogger('debug', new SecretRegistry(), (line) => logs.push(line)));
  client = new PeerClient(identity);
  for (const route of ROUTES) {
    const key = `${route.method} ${route.path}`;
    server.serve(route, () => {
      calls.push(key);
      return Promise.resolve({ body: answers.get(key) ?? { not: 'what the route answers' } });
    });
  }
  await server.listen('127.0.0.1', 0);
  port = server.port() ?? 0;
});
afterAll(() => server.stop());

/** A raw request (node:http lets a GET carry a body), signed with the cluster secret unless told. */
function send(method: string, path: string, body: string, options: { sign?: string | null } = {}): Promise<{ status: number; body: { code?: string; message?: string } }> {
  const secret = options.sign === undefined ? SECRET : options.sign;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
    ...(secret ? signPeerRequest(secret, 'node1', { method, path, body }, Date.now()) : {}),
  };
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as { code?: string; message?: string } }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('the peer route table', () => {
  it('writes each path once, under /peer/v1', () => {
    const keys = ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length).toBeGreaterThanOrEqual(10);
  });

  it.each(ROUTES.map((r) => [`${r.method} ${r.path}`, r] as const))('refuses a malformed body on %s with a 400 naming the field, before its handler', async (key, route) => {
    calls.length = 0;
    const res = await send(route.method, route.path, JSON.stringify({ generation: 'x', unexpected: [1] }));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.message).toMatch(new RegExp(`^invalid body for ${key}: \\w+`));
    expect(calls).toEqual([]);
  });

  it('rejects a malformed answer from every route on the client side', async () => {
    // A peer that answers 200 with the wrong body on every path.
    const liar = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"not":"what the route answers"}'));
    await new Promise<void>((resolve) => liar.listen(0, '127.0.0.1', resolve));
    const target = { meshIp: '127.0.0.1', port: (liar.address() as AddressInfo).port };
    try {
      for (const route of ROUTES) {
        const answer = client.call(route, target);
        await expect(answer).rejects.toThrow(PeerProtocolError);
        await expect(answer).rejects.toThrow(new RegExp(`answered ${route.method} ${route.path} with a malformed body: .+`));
      }
    } finally {
      liar.close();
    }
  });

  it('carries a well-formed request and answer, typed, both ways', async () => {
    answers.set('POST /peer/v1/config/commit', { committed: 7 });
    const answer = await client.call(PEER_ROUTES.commitConfig, { meshIp: '127.0.0.1' }, { body: { generation: 7 } });
    expect(answer).toEqual({ ok: true, status: 200, body: { committed: 7 } });
  });

  it('refuses a cluster route unsigned or signed with another secret (401), and says which', async () => {
    const path = PEER_ROUTES.commitConfig.path;
    expect(await send('POST', path, '{"generation":1}', { sign: null })).toMatchObject({ status: 401, body: { message: 'peer request refused: unsigned request' } });
    expect(await send('POST', path, '{"generation":1}', { sign: 'another secret' })).toMatchObject({ status: 401, body: { message: 'peer request refused: bad signature' } });
  });
});

describe('peer API bad input', () => {
  const path = PEER_ROUTES.commitConfig.path;

  it('answers 413 to a body over 256 KB, before any handler or signature check', async () => {
    calls.length = 0;
    const res = await send('POST', path, JSON.stringify({ pad: 'x'.repeat(300 * 1024) }), { sign: null });
    expect(res).toEqual({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: 'the request body is larger than 256 KB' } });
    expect(calls).toEqual([]);
    expect(logs.filter((l) => l.includes('"level":"error"'))).toEqual([]);
  });

  it('answers 400 to JSON nested 10,000 levels deep', async () => {
    const res = await send('POST', path, '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), { sign: null });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('the request body nests objects or arrays more than 64 levels deep');
    expect(calls).toEqual([]);
  });

  it('answers 404 to a path outside the table', async () => {
    expect((await send('GET', '/peer/v1/nothing', '')).status).toBe(404);
  });
});
