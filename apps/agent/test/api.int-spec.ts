import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
});
afterAll(async () => agent.close());

describe('health and metrics', () => {
  it('answers health without a token, checking the database', async () => {
    const res = await agent.request('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', checks: { database: 'ok' } });
  });

  it('serves Prometheus metrics, counting the requests it answered', async () => {
    await agent.request('GET', '/api/v1/health');
    const res = await agent.request('GET', '/metrics', { token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.text).toMatch(/^sfha_build_info\{version="0\.1\.0"\} 1$/m);
    expect(res.text).toMatch(/^sfha_http_requests_total\{method="GET",route="\/api\/v1\/health",status="200"\} [1-9]\d*$/m);
    expect(res.text).toContain('sfha_agent_process_resident_memory_bytes');
  });
});

describe('bad input gets a 4xx with a clear message', () => {
  it('refuses a body that is not JSON', async () => {
    const res = await agent.request('POST', '/api/v1/auth/login', { rawBody: '{"password": ' });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    expect((res.body as { message: string }).message).toMatch(/^the request body is not valid JSON/);
  });

  it('names a missing field, a wrong type and an unknown field, all at once', async () => {
    const res = await agent.request('POST', '/api/v1/auth/password', { token, body: { currentPassword: 42, sneaky: true } });
    expect(res.status).toBe(400);
    const body = res.body as { message: string; errors: string[] };
    expect(body.errors).toEqual(expect.arrayContaining(['property sneaky should not exist', 'currentPassword must be a string', 'newPassword must be a string']));
    expect(body.message).toContain('newPassword must be longer than or equal to 12 characters');
    // Nothing changed: the password is still the old one.
    expect((await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } })).status).toBe(200);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const res = await agent.request('GET', '/api/v1/no-such-thing', { token });
    expect(res.status).toBe(404);
    expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: 'Cannot GET /api/v1/no-such-thing' });
  });
});

describe('OpenAPI', () => {
  it('serves the document and the Swagger UI', async () => {
    const doc = await agent.request('GET', '/api/openapi.json');
    expect(doc.body).toMatchObject({ openapi: '3.0.0', info: { title: 'sfha agent API' } });
    const ui = await agent.request('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger-ui');
  });
});

describe('secrets stay out of logs and answers', () => {
  it('never logs the password, a token or the local credential', async () => {
    const login = await agent.request('POST', '/api/v1/auth/login', { body: { password: ADMIN_PASSWORD } });
    const { accessToken } = login.body as { accessToken: string };
    await agent.request('POST', '/api/v1/auth/login', { body: { password: 'a wrong guess here' } });
    const { readFileSync } = await import('node:fs');
    const { credential } = JSON.parse(readFileSync(`${agent.dataDir}/local-admin.json`, 'utf8')) as { credential: string };
    const logs = agent.logs.join('\n');
    expect(agent.logs.length).toBeGreaterThan(5);
    for (const secret of [ADMIN_PASSWORD, 'a wrong guess here', accessToken, token, credential]) expect(logs).not.toContain(secret);
  });

  it('never returns the credential, the signing key or the password hash', async () => {
    const status = await agent.request('GET', '/api/v1/status', { token });
    expect(status.text).not.toMatch(/credential|scrypt|signing/i);
  });
});
