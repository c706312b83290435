import { JwtService } from '@nestjs/jwt';
import BetterSqlite3 from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootTestAgent, setUpAdmin, type TestAgent } from './agent-harness';

/**
 * The routes anyone may call. Adding a public route means adding it here, on purpose.
 * The OpenAPI document and Swagger UI are public so API clients can be generated.
 */
const PUBLIC_ROUTES = new Set([
  'GET /api/v1/health',
  'GET /api/v1/auth/state',
  'POST /api/v1/auth/setup',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/local',
  'GET /api/openapi.json',
  'GET /api/openapi.yaml',
]);
/** Swagger UI's page and static assets. */
const PUBLIC_PREFIX = 'GET /api/docs';
const isPublic = (route: string) => PUBLIC_ROUTES.has(route) || route.startsWith(PUBLIC_PREFIX);

interface OpenApiDoc {
  paths: Record<string, Record<string, { security?: unknown[]; 'x-sfha-public'?: boolean }>>;
}

let agent: TestAgent;
let doc: OpenApiDoc;
let routes: string[];
let validToken: string;
let forgedToken: string;
let expiredToken: string;

beforeAll(async () => {
  agent = await bootTestAgent();
  validToken = await setUpAdmin(agent);
  doc = (await agent.request('GET', '/api/openapi.json')).body as OpenApiDoc;
  const db = new BetterSqlite3(join(agent.dataDir, 'sfha.db'), { readonly: true });
  const signingKey = (db.prepare("SELECT value FROM settings WHERE key = 'jwt_signing_key'").get() as { value: string }).value;
  db.close();
  const now = Math.floor(Date.now() / 1000);
  expiredToken = new JwtService({ secret: signingKey }).sign({ sub: 'admin', iss: 'sfha-agent', iat: now - 7200, exp: now - 60 });
  forgedToken = new JwtService({ secret: 'not-the-node-key' }).sign({ sub: 'admin', iss: 'sfha-agent' }, { expiresIn: 3600 });
  routes = agent.routes();
});
afterAll(async () => agent.close());

const operations = () =>
  Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, op })));

describe('every route is guarded or deliberately public', () => {
  it('lists every HTTP route of the server in the OpenAPI document', () => {
    const documented = new Set(operations().map((o) => o.key));
    const undocumented = routes.filter((r) => !documented.has(r) && !isPublic(r));
    expect(undocumented).toEqual([]);
    expect(routes.length).toBeGreaterThanOrEqual(documented.size);
  });

  it('marks exactly the allow-listed operations as public in OpenAPI', () => {
    const publicOps = operations()
      .filter((o) => o.op['x-sfha-public'] === true)
      .map((o) => o.key);
    expect(new Set(publicOps)).toEqual(new Set([...PUBLIC_ROUTES].filter((r) => !r.includes('openapi'))));
    for (const o of operations()) expect([o.key, o.op.security]).toEqual([o.key, PUBLIC_ROUTES.has(o.key) ? [] : [{ bearer: [] }]]);
  });

  it.each([
    ['without a token', () => undefined],
    ['with a forged token', () => forgedToken],
    ['with an expired token', () => expiredToken],
  ])('answers 401 on every protected route %s', async (_label, token) => {
    const protectedRoutes = routes.filter((r) => !isPublic(r));
    expect(protectedRoutes.length).toBeGreaterThan(0);
    for (const route of protectedRoutes) {
      const [method = 'GET', path = '/'] = route.split(' ');
      const res = await agent.request(method, path, { token: token(), body: method === 'GET' ? undefined : {} });
      expect([route, res.status, (res.body as { code?: string }).code]).toEqual([route, 401, 'UNAUTHENTICATED']);
    }
  });

  it('tells the admin when the session has expired', async () => {
    const res = await agent.request('GET', '/api/v1/status', { token: expiredToken });
    expect(res.body).toMatchObject({ message: 'the session has expired: log in again' });
  });

  it('accepts a valid token on the protected routes', async () => {
    expect((await agent.request('GET', '/api/v1/status', { token: validToken })).status).toBe(200);
    expect((await agent.request('GET', '/metrics', { token: validToken })).status).toBe(200);
  });

  it('lets the public routes through without a token', async () => {
    for (const route of [...PUBLIC_ROUTES, `${PUBLIC_PREFIX}/`]) {
      const [method = 'GET', path = '/'] = route.split(' ');
      const res = await agent.request(method, path, { body: method === 'GET' ? undefined : {} });
      expect([route, res.status]).not.toEqual([route, 401]);
    }
  });
});
