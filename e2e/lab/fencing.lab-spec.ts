import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, formCluster, host, online as onlineSeenBy, until } from './cluster-helpers';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';

interface FencingStatus {
  enabled: boolean;
  devices: { name: string; agent: string }[];
  nodes: { node: string; device: string | null; power: string }[];
}
interface FenceEvent {
  node: string;
  action: string;
  device: string;
  ok: boolean;
  requestedBy: string;
}

beforeAll(formCluster);
afterAll(() => {
  lab('heal');
  lab('down');
});

describe('STONITH with the lab fence agent', () => {
  it('starts disabled, and refuses to fence without a device', () => {
    expect(sfhaJson<FencingStatus>('node1', 'stonith', 'status')).toMatchObject({ enabled: false });
    expect(sfha('node1', 'stonith', 'fence', 'node3').stderr).toContain('(HTTP 409, NO_FENCE_DEVICE)');
  });

  it('reads an agent’s parameters from its metadata, and says when an agent is missing', () => {
    const meta = sfhaJson<{ parameters: { name: string; suppliedBySfha: boolean; required: boolean }[] }>('node1', 'stonith', 'agent', 'fence_sfha_lab');
    expect(meta.parameters.find((p) => p.name === 'plug')).toMatchObject({ suppliedBySfha: true, required: true });
    expect(meta.parameters.find((p) => p.name === 'ip')).toMatchObject({ suppliedBySfha: false, required: false });
    expect(sfha('node1', 'stonith', 'agent', 'fence_nope').stderr).toContain('(HTTP 404, FENCE_AGENT_NOT_FOUND)');
  });

  it('refuses a device with bad parameters, naming each problem', () => {
    const run = sfha('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--param', 'bogus=1', '--param', 'ipport=port', '--host', 'node9=node9');
    expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(run.stderr).toContain('fence_sfha_lab has no parameter "bogus"');
    expect(run.stderr).toContain('ipport must be a number');
    expect(run.stderr).toContain('hostMap: node9 is not a member');
    expect(sfhaJson<FencingStatus>('node2', 'stonith', 'status').enabled).toBe(false);
  });

  it('configures one device for the three nodes, committed on every node', async () => {
    sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--param', 'ip=192.0.2.254', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
    await until('node3 to have the device', () => sfhaJson<FencingStatus>('node3', 'stonith', 'status').enabled);
    expect(sfhaJson<FencingStatus>('node3', 'stonith', 'status').nodes.map((n) => [n.node, n.device, n.power])).toEqual([
      ['node1', 'lab', 'on'],
      ['node2', 'lab', 'on'],
      ['node3', 'lab', 'on'],
    ]);
  });

  it('fences node3 from node2: every process of node3 dies, its link goes down, the others see it leave', async () => {
    const event = sfhaJson<FenceEvent>('node2', 'stonith', 'fence', 'node3');
    expect(event).toMatchObject({ node: 'node3', action: 'off', device: 'lab', ok: true, requestedBy: 'root@node2' }); // the CLI's root-local access, named (audit)
    expect(host('node3')).toMatchObject({ processes: 0, agentPid: null });
    await until('node1 to see node3 leave', () => !onlineSeenBy('node1').includes('node3'));
    expect(sfhaJson<FencingStatus>('node1', 'stonith', 'status').nodes.find((n) => n.node === 'node3')?.power).toBe('off');
    expect(sfhaJson<FenceEvent[]>('node2', 'stonith', 'history')[0]).toMatchObject({ node: 'node3', action: 'off', ok: true });
  });

  it('refuses to fence the same node again within the minimum delay, from any node', () => {
    for (const from of ['node1', 'node2']) expect(sfha(from, 'stonith', 'fence', 'node3').stderr).toContain('(HTTP 429, FENCE_REFUSED): node3 was fenced');
    // node1 sees node2's fence in the cluster-wide history.
    expect(sfhaJson<(FenceEvent & { executedBy: string })[]>('node1', 'stonith', 'history')[0]).toMatchObject({ node: 'node3', executedBy: 'node2' });
  });

  it('unfences node3: it powers on and rejoins the membership', async () => {
    expect(sfhaJson<FenceEvent>('node2', 'stonith', 'unfence', 'node3')).toMatchObject({ node: 'node3', action: 'on', ok: true });
    await until('node3 back in the membership', () => onlineSeenBy('node1').length === 3, 40_000);
  });

  it('never fences from a partition without quorum', async () => {
    labOk('partition', 'node1,node2', 'node3');
    await until('node3 to lose quorum', () => !cluster('node3').quorate);
    expect(sfha('node3', 'stonith', 'fence', 'node1').stderr).toContain('(HTTP 409, NO_QUORUM)');
    expect(host('node1')?.processes).toBeGreaterThan(0);
    labOk('heal');
  });
});
