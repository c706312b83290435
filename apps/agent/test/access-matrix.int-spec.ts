import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, bootWithAdmin, type TestAgent } from './agent-harness';

/**
 * Issue 12: every route of the OpenAPI document declares who may call it, and the agent
 * enforces exactly that for each role. A route added without a rule fails here (and the
 * global guard refuses it at run time).
 */
type Role = 'viewer' | 'operator' | 'admin';
const ROLES: Role[] = ['viewer', 'operator', 'admin'];

interface Operation {
  key: string;
  method: string;
  path: string;
  roles: Role[] | null;
  isPublic: boolean;
}

/** What each role may do (issue 12): the operator runs the cluster day to day, the viewer reads. */
const OPERATOR_ROUTES = new Set([
  'POST /api/v1/cluster/nodes/{node}/standby',
  'POST /api/v1/cluster/nodes/{node}/unstandby',
  'PUT /api/v1/cluster/maintenance',
  'POST /api/v1/resources/groups/{name}/move',
  'DELETE /api/v1/resources/groups/{name}/move',
  'POST /api/v1/fencing/nodes/{node}/fence',
  'POST /api/v1/fencing/nodes/{node}/unfence',
  'POST /api/v1/mesh/invitations',
  'DELETE /api/v1/mesh/invitations/{id}',
  'POST /api/v1/notifications/targets/{name}/test',
]);
/** Every user manages its own password, second factor and API tokens. */
const SELF_SERVICE_ROUTES = new Set([
  'GET /api/v1/auth/session',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/totp/enrolment',
  'POST /api/v1/auth/totp/confirm',
  'POST /api/v1/auth/totp/disable',
  'GET /api/v1/api-tokens',
  'POST /api/v1/api-tokens',
  'DELETE /api/v1/api-tokens/{id}',
]);

/** POSTs that change nothing (a what-if): every role. */
const READ_ONLY_POSTS = new Set(['POST /api/v1/ha/simulate']);

function expectedRoles(op: Operation): Role[] {
  if (SELF_SERVICE_ROUTES.has(op.key) || READ_ONLY_POSTS.has(op.key)) return ROLES;
  if (op.method === 'GET') return op.path.startsWith('/api/v1/users') ? ['admin'] : ROLES;
  return OPERATOR_ROUTES.has(op.key) ? ['operator', 'admin'] : ['admin'];
}

let agent: TestAgent;
let operations: Operation[];
const tokens: Partial<Record<Role, string>> = {};

beforeAll(async () => {
  const boot = await bootWithAdmin();
  agent = boot.agent;
  tokens.admin = boot.token;
  tokens.operator = await addUser(agent, boot.token, 'oscar', 'operator');
  tokens.viewer = await addUser(agent, boot.token, 'vera', 'viewer');
  const doc = (await agent.request('GET', '/api/openapi.json')).body as { paths: Record<string, Record<string, { 'x-sfha-roles'?: Role[]; 'x-sfha-public'?: boolean }>> };
  operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]) => ({
      key: `${method.toUpperCase()} ${path}`,
      method: method.toUpperCase(),
      path,
      roles: op['x-sfha-roles'] ?? null,
      isPublic: op['x-sfha-public'] === true,
    })),
  );
}, 60_000);
afterAll(async () => agent.close());

/** A concrete path: every {parameter} replaced by a name nothing has. */
const concrete = (path: string) => path.replace(/\{[^}]+\}/g, 'nothing-here');

describe('route × role matrix', () => {
  it('gives every operation of the OpenAPI document an explicit rule', () => {
    expect(operations.length).toBeGreaterThan(40);
    const withoutRule = operations.filter((op) => !op.isPublic && op.roles === null).map((op) => op.key);
    expect(withoutRule).toEqual([]);
  });

  it('declares for each protected operation exactly the roles the product gives it', () => {
    for (const op of operations.filter((o) => !o.isPublic)) expect([op.key, [...(op.roles ?? [])].sort()]).toEqual([op.key, [...expectedRoles(op)].sort()]);
  });

  it('refuses each role what it may not do (403, saying which role is needed) and lets through what it may', async () => {
    // Admin last: its allowed calls (with empty bodies and unknown names) must not disturb the others' checks.
    for (const role of ROLES) {
      for (const op of operations.filter((o) => !o.isPublic)) {
        // The event stream never ends: its admission is checked below.
        if (op.key === 'GET /api/v1/events/stream') continue;
        const res = await agent.request(op.method, concrete(op.path), { token: tokens[role], body: op.method === 'GET' ? undefined : {} });
        if (expectedRoles(op).includes(role)) {
          expect([op.key, role, res.status === 401 || res.status === 403 ? res.text : 'admitted']).toEqual([op.key, role, 'admitted']);
          expect([op.key, role, (res.body as { code?: string }).code]).not.toEqual([op.key, role, 'INTERNAL']);
          // A node alone answers 409 NOT_IN_CLUSTER for what needs a cluster; anything else readable reads.
          if (op.method === 'GET' && !op.path.includes('{')) expect([op.key, role, res.status === 200 || (res.body as { code?: string }).code === 'NOT_IN_CLUSTER']).toEqual([op.key, role, true]);
        } else {
          expect([op.key, role, res.status, (res.body as { code?: string }).code]).toEqual([op.key, role, 403, 'FORBIDDEN']);
          expect((res.body as { message: string }).message).toMatch(new RegExp(`has the role ${role}: this needs (admin|operator or admin)$`));
        }
      }
    }
  }, 120_000);

  it('admits every role to the event stream', async () => {
    for (const role of ROLES) {
      const controller = new AbortController();
      const res = await fetch(`${agent.url}/api/v1/events/stream`, { headers: { authorization: `Bearer ${tokens[role]}` }, signal: controller.signal });
      expect([role, res.status]).toEqual([role, 200]);
      controller.abort();
    }
  });

  it('keeps the viewer and the operator away from users and fence device secrets', async () => {
    for (const role of ['viewer', 'operator'] as const) {
      expect((await agent.request('GET', '/api/v1/users', { token: tokens[role] })).status).toBe(403);
      expect((await agent.request('POST', '/api/v1/users', { token: tokens[role], body: { name: 'mallory', role: 'admin', password: 'a long password 1' } })).status).toBe(403);
      expect((await agent.request('PUT', '/api/v1/fencing/devices/ipmi', { token: tokens[role], body: {} })).status).toBe(403);
      const secrets = await agent.request('GET', '/api/v1/cluster/config/export?withSecrets=true', { token: tokens[role] });
      expect([secrets.status, (secrets.body as { message: string }).message]).toEqual([403, `${role === 'viewer' ? 'vera' : 'oscar'} has the role ${role}: only an admin may export secrets`]);
      expect((await agent.request('POST', '/api/v1/cluster/config/import', { token: tokens[role], body: {} })).status).toBe(403);
    }
    const users = (await agent.request('GET', '/api/v1/users', { token: tokens.admin })).body as { name: string }[];
    expect(users.map((u) => u.name)).toEqual(['admin', 'oscar', 'vera']);
  });
});
