import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bootTestAgent, bootWithAdmin, type TestAgent } from './agent-harness';

/** A 20 KB body nested 10,000 levels deep: it overflowed the validation pipe's stack (a 500 everywhere). */
const DEEP = '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000);
const DEEP_MESSAGE = 'the request body nests objects or arrays more than 64 levels deep';

interface Schema {
  properties?: Record<string, { nullable?: boolean }>;
}
interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>;
  components: { schemas: Record<string, Schema> };
}

/** Every operation of the OpenAPI document that takes a JSON body, with that body's schema. */
async function jsonOperations(agent: TestAgent) {
  const doc = (await agent.request('GET', '/api/openapi.json')).body as OpenApiDoc;
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).flatMap(([method, op]) => {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      if (!ref) return [];
      const schema = doc.components.schemas[ref.split('/').pop() ?? ''] ?? {};
      return [{ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path: path.replace(/\{\w+\}/g, 'x'), schema }];
    }),
  );
}

const errorLines = (agent: TestAgent) => agent.logs.filter((l) => l.includes('"level":"error"'));
const isCredentialRoute = (path: string) => /\/auth\/(setup|login|local)$/.test(path);

describe('malformed bodies on every JSON route', () => {
  let agent: TestAgent;
  let token: string;
  beforeAll(async () => {
    ({ agent, token } = await bootWithAdmin());
  });
  afterAll(async () => agent.close());

  it('answers JSON nested 10,000 levels deep with a 400, never a 500 or a stack trace', async () => {
    const operations = (await jsonOperations(agent)).filter((o) => !isCredentialRoute(o.path));
    expect(operations.length).toBeGreaterThan(10);
    for (const o of operations) {
      const res = await agent.request(o.method, o.path, { token, rawBody: DEEP });
      expect([o.key, res.status, (res.body as { message?: string }).message]).toEqual([o.key, 400, DEEP_MESSAGE]);
    }
    expect(errorLines(agent)).toEqual([]);
  });

  it('refuses null for every field that does not accept it, naming the field', async () => {
    const operations = (await jsonOperations(agent)).filter((o) => !isCredentialRoute(o.path));
    let checked = 0;
    const unnamed: string[] = [];
    for (const o of operations) {
      for (const [field, property] of Object.entries(o.schema.properties ?? {})) {
        if (property.nullable) continue;
        const res = await agent.request(o.method, o.path, { token, body: { [field]: null } });
        expect([o.key, field, res.status]).toEqual([o.key, field, 400]);
        if (!(res.body as { message: string }).message.includes(field)) unnamed.push(`${o.key} ${field}`);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(20);
    // Checked only with kind: webhook (the 400 is then about the missing agent).
    expect(unnamed).toEqual(['PUT /api/v1/fencing/devices/{name} webhook']);
    expect(errorLines(agent)).toEqual([]);
  });

  it('answers {"expiresIn": null} on a new invitation with a 400 naming the field', async () => {
    const res = await agent.request('POST', '/api/v1/mesh/invitations', { token, body: { expiresIn: null } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain('expiresIn must be');
  });

  it('answers an unknown role on a new invitation with a 400 naming the roles', async () => {
    const res = await agent.request('POST', '/api/v1/mesh/invitations', { token, body: { role: 'arbiter' } });
    expect(res.status).toBe(400);
    expect((res.body as { message: string }).message).toContain('role must be one of full, witness');
  });
});

describe('malformed bodies on the credential routes', () => {
  let agent: TestAgent;
  beforeAll(async () => {
    ({ agent } = await bootWithAdmin());
  });
  afterAll(async () => agent.close());

  it('answers deep JSON with a 400 and counts it as a failed attempt of that route only', async () => {
    // Junk on the root-local route and on setup: counted on their own, the password login is untouched.
    for (let i = 0; i < 6; i++) await agent.request('POST', '/api/v1/auth/local', { rawBody: DEEP });
    expect((await agent.request('POST', '/api/v1/auth/local', { rawBody: DEEP })).status).toBe(429);
    await agent.request('POST', '/api/v1/auth/setup', { rawBody: DEEP });
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } })).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const res = await agent.request('POST', '/api/v1/auth/login', { rawBody: DEEP });
      expect([res.status, (res.body as { message?: string }).message]).toEqual([400, DEEP_MESSAGE]);
    }
    // Five refused bodies: even the right password now waits.
    const login = await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } });
    expect(login.status).toBe(429);
    expect((login.body as { code: string }).code).toBe('TOO_MANY_ATTEMPTS');
    expect(errorLines(agent)).toEqual([]);
  });
});

describe('parallel wrong logins from one address', () => {
  let agent: TestAgent;
  beforeAll(async () => {
    agent = await bootTestAgent();
    await agent.request('POST', '/api/v1/auth/setup', { body: { password: ADMIN_PASSWORD } });
  });
  afterAll(async () => agent.close());

  it('check at most 5 passwords, the others are refused before their hash is computed', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => agent.request('POST', '/api/v1/auth/login', { body: { password: `wrong-${i}` } })));
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(45);
  });
});
