import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
});
afterAll(async () => agent.close());

const send = async (method: string, path: string, body?: unknown, auth = true) => {
  const res = await agent.request(method, path, { ...(auth ? { token } : {}), body });
  return { status: res.status, body: res.body as { message?: string } };
};

/** The constraints API on a real agent (temporary SQLite): a 4xx naming the problem, nothing stored. */
describe('constraints API', () => {
  it('needs a token', async () => {
    expect((await send('GET', '/api/v1/constraints', undefined, false)).status).toBe(401);
    expect((await send('POST', '/api/v1/constraints', { kind: 'order', first: 'a', then: 'b' }, false)).status).toBe(401);
  });

  it('lists none at first', async () => {
    expect(await send('GET', '/api/v1/constraints')).toEqual({ status: 200, body: [] });
  });

  it('refuses bad input with the reason, and stores nothing', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'location', group: 'a', with: 'b' }, 'kind must be one of the following values: colocation, anti-colocation, order'],
      [{ kind: 'order', first: 'a' }, 'order needs first and then (group names)'],
      [{ kind: 'order', first: 'a', then: 'b', group: 'c' }, 'order takes first and then, not group'],
      [{ kind: 'colocation', group: 'web', with: 'db' }, 'no group named web (groups: none)'],
      [{ kind: 'colocation', group: 7, with: 'db' }, 'group must be a string'],
      [{ kind: 'anti-colocation', group: 'a', with: 'b', extra: 1 }, 'property extra should not exist'],
    ];
    for (const [body, message] of cases) {
      const res = await send('POST', '/api/v1/constraints', body);
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
    }
    expect((await send('GET', '/api/v1/constraints')).body).toEqual([]);
  });

  it('answers 404 for a constraint that does not exist', async () => {
    expect(await send('DELETE', '/api/v1/constraints/order:a:b')).toMatchObject({ status: 404, body: { message: expect.stringContaining('no constraint order:a:b') as unknown } });
  });
});
