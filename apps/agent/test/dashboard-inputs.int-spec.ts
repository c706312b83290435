import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootWithAdmin, type TestAgent } from './agent-harness';

let agent: TestAgent;
let token: string;
beforeAll(async () => {
  ({ agent, token } = await bootWithAdmin());
});
afterAll(async () => agent.close());

const send = async (method: string, path: string, body?: unknown) => {
  const res = await agent.request(method, path, { token, body });
  return { status: res.status, message: (res.body as { message?: string }).message ?? '' };
};

const refused = (res: { status: number; message: string }, status: number, text: string) => {
  expect(res.status).toBe(status);
  expect(res.message).toContain(text);
};

/** What the dashboard's resource and fencing forms may send by mistake: a 4xx saying why, never a 500. */
describe('bad input from the dashboard forms', () => {
  it('refuses malformed groups with the field named', async () => {
    refused(await send('PUT', '/api/v1/resources/groups/web', { resources: 'vip' }), 400, 'resources must be an array');
    refused(await send('PUT', '/api/v1/resources/groups/web', { resources: [{ name: 'ip', kind: 'dns' }] }), 400, 'kind must be one of the following values');
    refused(await send('PUT', '/api/v1/resources/groups/web', { resources: [{ name: 'app', kind: 'process', command: 'node server.js' }] }), 400, 'command must be an array');
    refused(await send('PUT', '/api/v1/resources/groups/web', { resources: [], maxRestarts: 500 }), 400, 'maxRestarts must not be greater than 100');
    refused(await send('PUT', '/api/v1/resources/groups/web', { resources: [{ name: 'app', kind: 'systemd', unit: ['nginx.service'] }] }), 400, 'unit must be a string');
    refused(
      await send('PUT', '/api/v1/resources/groups/web', { resources: [{ name: 'app', kind: 'systemd', unit: 'nginx.service', health: { kind: 'is-active', target: 'nginx.service' } }] }),
      400,
      'kind must be one of the following values: http, tcp, systemd, command',
    );
  });

  it('refuses actions on groups, nodes and devices that do not exist', async () => {
    expect(await send('POST', '/api/v1/resources/groups/nope/move', { node: 'node2' })).toMatchObject({ status: 404, message: 'no group named nope' });
    refused(await send('POST', '/api/v1/resources/groups/nope/move', { node: 'Not A Node' }), 400, 'node must be a node name');
    expect(await send('DELETE', '/api/v1/resources/groups/nope')).toMatchObject({ status: 404 });
    expect(await send('POST', '/api/v1/cluster/nodes/node9/standby')).toMatchObject({ status: 409 }); // no cluster yet: refused before the node is looked up
    refused(await send('POST', '/api/v1/fencing/nodes/node9/fence', {}), 409, 'in no cluster yet');
    expect((await send('POST', '/api/v1/fencing/nodes/node9/fence', { action: 'explode' })).status).toBe(400);
    expect((await send('GET', '/api/v1/fencing/agents/fence_does_not_exist')).status).toBe(404);
    expect((await send('DELETE', '/api/v1/fencing/devices/nope')).status).toBe(404);
  });

  it('refuses a fence device with a bad agent name or bad parameters', async () => {
    refused(await send('PUT', '/api/v1/fencing/devices/lab', { agent: '../bin/sh', params: {}, hostMap: { node1: 'node1' } }), 400, 'agent must be a fence agent name');
    refused(await send('PUT', '/api/v1/fencing/devices/lab', { agent: 'fence_sfha_lab', params: 'ip=1', hostMap: [] }), 400, 'params must be an object');
  });
});
