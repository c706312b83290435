import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, online, until } from './cluster-helpers';
import { LAB_BIN_DIR, LAB_DIR } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';

const VIP = '192.0.2.110';
interface Step {
  atMs: number;
  node: string;
  kind: string;
  text: { fr: string; en: string };
}
interface Simulation {
  steps: Step[];
  timings: { detectionMs: number; fenceMs: number; startMs: number; sources: Record<string, string> };
}
interface Group {
  name: string;
  owner: string | null;
  resources: { running: boolean | null }[];
}
interface FenceEvent {
  node: string;
  action: string;
  ok: boolean;
  requestedBy: string;
  executedBy: string;
}

beforeAll(async () => {
  await formCluster();
  sfhaJson('node1', 'config', 'set', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8081`, '--prefer', 'node1');
  await until('web to run on node1', () => sfhaJson<Group[]>('node2', 'resources').some((g) => g.owner === 'node1' && g.resources.every((r) => r.running)), 60_000);
});

afterAll(() => {
  lab('down');
});

describe('sfha simulate and sfha why on a live 3-node cluster', () => {
  it('why says where web runs and why, in French and English', () => {
    expect(lab('exec', 'node3', '--', 'sfha', '--lang=fr', 'why', 'web').stdout.trim()).toBe('web: sur node1, son nœud préféré');
    expect(sfha('node3', 'why', 'web').stdout.trim()).toBe('web: on node1, its preferred node');
  });

  it('refuses bad input with one clear line and a non-zero exit', () => {
    const unknown = sfha('node2', 'simulate', '--kill', 'node9');
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr.trim()).toBe('sfha: the agent refused (HTTP 400, VALIDATION_FAILED): events[0].node: no member named node9 (members: node1, node2, node3)');
    const move = sfha('node2', 'simulate', '--move', 'web');
    expect(move.stderr).toContain('move[0]: must be GROUP=NODE');
    const file = join(LAB_DIR, 'bad-scenario.yaml');
    writeFileSync(file, 'description: d\nself: node1\nnodes: [node1]\nsteps: [{at: soon, expect: {actions: []}}]\n');
    const scenario = sfha('node2', 'simulate', '--file', file);
    expect(scenario.code).not.toBe(0);
    expect(scenario.stderr).toContain('scenario: steps[0].at: must be a number');
    expect(sfha('node2', 'why', 'nope').stderr).toContain('no group named nope');
  });

  it('simulate --kill node1 predicts the fence and the move that then really happen', async () => {
    const sim = sfhaJson<Simulation>('node2', 'simulate', '--kill', 'node1');
    const fence = sim.steps.find((s) => s.kind === 'fence');
    const start = sim.steps.filter((s) => s.kind === 'start');
    expect(fence?.text.en).toMatch(/^node2 \(leader\) fences node1 \(off\)/);
    expect(start.length).toBe(2);
    const predictedOwner = start[0]?.node;
    expect(lab('exec', 'node2', '--', 'sfha', '--lang=fr', 'simulate', '--kill', 'node1').stdout).toContain('isole node1');
    const before = Date.now();
    labOk('kill', 'node1');
    await until('web to run elsewhere', () => sfhaJson<Group[]>('node2', 'resources').some((g) => g.owner !== 'node1' && g.owner !== null && g.resources.every((r) => r.running)), 90_000);
    const took = Date.now() - before;
    const real = sfhaJson<Group[]>('node2', 'resources').find((g) => g.name === 'web');
    const fences = sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').filter((e) => e.node === 'node1' && e.action === 'off' && e.ok);
    expect(real?.owner).toBe(predictedOwner);
    expect(fences[0]).toMatchObject({ requestedBy: 'leader', executedBy: 'node2' });
    const predicted = start.at(-1)?.atMs ?? 0;
    process.stdout.write(`simulate --kill node1: predicted web on ${predictedOwner} after ${(predicted / 1000).toFixed(1)} s, real: ${real?.owner} after ${(took / 1000).toFixed(1)} s\n`);
    expect(online('node2')).not.toContain('node1');
  });
});
