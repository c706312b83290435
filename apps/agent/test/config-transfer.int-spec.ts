import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
});
afterAll(async () => agent.close());

const RELEASE = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string }).version;
interface Answer {
  status: number;
  body: { code?: string; message?: string; [key: string]: unknown };
}
const send = async (method: string, path: string, body?: unknown, auth = true): Promise<Answer> => {
  const res = await agent.request(method, path, { ...(auth ? { token } : {}), body });
  return { status: res.status, body: res.body as Answer['body'] };
};
const generation = async () => (await send('GET', '/api/v1/cluster/config')).body.generation;

/** Export and import of the cluster config on a real agent (temporary SQLite, not in a cluster). The quorate round trip is e2e/lab/backup.lab-spec.ts. */
describe('config export and import', () => {
  it('needs a token', async () => {
    expect((await send('GET', '/api/v1/cluster/config/export', undefined, false)).status).toBe(401);
    expect((await send('POST', '/api/v1/cluster/config/import', { document: '{}' }, false)).status).toBe(401);
  });

  it('exports the committed config as a versioned document, secrets masked unless asked for', async () => {
    const masked = await send('GET', '/api/v1/cluster/config/export');
    expect(masked).toMatchObject({ status: 200, body: { format: 'sfha-cluster-config', version: 1, generation: 1, sfhaVersion: RELEASE, secrets: 'masked' } });
    expect(Object.keys(masked.body.config as object).sort()).toEqual(['constraints', 'fenceDevices', 'fenceLevels', 'groups', 'maintenance', 'moves', 'notifyTargets', 'settings', 'standby']);
    expect((await send('GET', '/api/v1/cluster/config/export?withSecrets=true')).body.secrets).toBe('included');
    expect((await send('GET', '/api/v1/cluster/config/export?withSecrets=maybe')).status).toBe(400);
  });

  it('refuses a damaged document with a 400 naming what is wrong, and changes nothing', async () => {
    const good = (await send('GET', '/api/v1/cluster/config/export')).body;
    const cases: [string, string][] = [
      ['{"format": "sfha-cluster-config", "version": 1, "config": {', 'not JSON'],
      [JSON.stringify({ ...good, version: 2 }), 'document version 2 is not supported: this sfha reads version 1'],
      [JSON.stringify({ ...good, format: 'yaml' }), 'format must be "sfha-cluster-config"'],
      [JSON.stringify({ ...good, config: { ...(good.config as object), users: [] } }), 'unknown field config.users'],
      [JSON.stringify({ ...good, config: { ...(good.config as object), groups: {} } }), 'config.groups must be a list'],
      [JSON.stringify({ ...good, config: { ...(good.config as object), groups: [{ name: 'web' }] } }), 'config.groups[0] must be a group with a name and a list of resources'],
    ];
    for (const [document, message] of cases) {
      const res = await send('POST', '/api/v1/cluster/config/import', { document });
      expect(res, document).toMatchObject({ status: 400, body: { code: 'BAD_CONFIG_DOCUMENT' } });
      expect(res.body.message).toContain(message);
    }
    expect((await send('POST', '/api/v1/cluster/config/import', { document: 7 })).status).toBe(400);
    // Generation 1: the first admin (users live in the cluster config), nothing since.
    expect(await generation()).toBe(1);
  });

  it('checks a valid document but needs a cluster to apply it', async () => {
    const good = (await send('GET', '/api/v1/cluster/config/export')).body;
    expect(await send('POST', '/api/v1/cluster/config/import', { document: JSON.stringify(good), dryRun: true })).toMatchObject({ status: 409, body: { code: 'NOT_IN_CLUSTER' } });
    // Generation 1: the first admin (users live in the cluster config), nothing since.
    expect(await generation()).toBe(1);
  });
});

describe('the release', () => {
  it('is the one in package.json', async () => {
    expect((await send('GET', '/api/v1/status')).body.version).toBe(RELEASE);
  });
});
