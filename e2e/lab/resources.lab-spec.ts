import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, formCluster, holders, host, lanClient, online, until } from './cluster-helpers';
import { LAB_BIN_DIR, LAB_DIR, REPO_ROOT } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { sleep } from './lab-system';

const VIP = '192.0.2.100';
const CHECKER_OUT = join(LAB_DIR, 'vip-checker.json');
interface Group {
  name: string;
  owner: string | null;
  bannedOn: string[];
  resources: { name: string; running: boolean | null; restarts: number; health: string | null }[];
}
interface FenceEvent {
  node: string;
  action: string;
  ok: boolean;
  requestedBy: string;
  startedAt: string;
}

const groups = (node: string) => sfhaJson<Group[]>(node, 'resources');
/** The client on the LAN: who answers through the VIP, or null. */
const client = () => lanClient(VIP, 8080);

let checker: ChildProcess;
let partitioned = '';
const figures: Record<string, number> = {};

beforeAll(async () => {
  await formCluster();
  // The agents started seconds ago: no startup grace for this test, a short minimum delay.
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2', '--host', 'node3=node3');
  rmSync(CHECKER_OUT, { force: true });
  checker = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'vip-checker.ts'), VIP, '3', CHECKER_OUT], { cwd: REPO_ROOT, stdio: 'ignore' });
});

afterAll(() => {
  lab('heal');
  lab('down');
});

describe('a VIP and a web service, failing over safely', () => {
  it('1. runs the VIP and the service on node1; a client reaches the service through the VIP', async () => {
    sfhaJson('node2', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`, '--prefer', 'node1');
    await until('the client to reach node1 through the VIP', () => client() === 'node1');
    expect(holders(VIP)).toEqual(['node1']);
    expect(groups('node3')).toEqual([expect.objectContaining({ name: 'web', owner: 'node1', resources: [expect.objectContaining({ running: true }), expect.objectContaining({ running: true })] })]);
  });

  it('refuses an invalid group with clear messages', () => {
    const run = sfha('node1', 'resources', 'group-set', 'bad', '--vip', '300.1.1.1/24', '--prefer', 'node9');
    expect(run.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(run.stderr).toContain('address must be an IPv4 address with a prefix');
    expect(run.stderr).toContain('preferredNode node9 is not a member');
  });

  it('2. when the owner dies, the leader fences it first, then the service starts elsewhere and the client gets through again', async () => {
    const killedAt = Date.now();
    labOk('kill', 'node1');
    await until('the client to be served by another node', () => ['node2', 'node3'].includes(client() ?? ''), 60_000);
    figures.failoverMs = Date.now() - killedAt;
    const fence = sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').find((e) => e.node === 'node1' && e.action === 'off');
    expect(fence).toMatchObject({ ok: true, requestedBy: 'leader' });
    // The VIP checker's `ip -n node1` runs inside node1 for a few ms every 50 ms: wait for a quiet moment.
    await until('no process left on node1', () => host('node1')?.processes === 0, 15_000);
    expect(holders(VIP)).toHaveLength(1);
    // The leader's timeline: node1 left, was fenced, and only then was the group placed elsewhere.
    const timeline = sfhaJson<{ id: number; category: string; message: string }[]>('node2', 'events', '--local', '--limit', '200');
    const left = timeline.find((e) => e.message === 'node1 left the membership (it ran web)');
    const fenced = timeline.find((e) => e.category === 'fencing' && e.message.startsWith('node1 fenced (off): confirmed'));
    const placed = timeline.find((e) => e.category === 'resource' && /^placement: web → node[23]$/.test(e.message));
    expect([left, fenced, placed].every(Boolean)).toBe(true);
    expect((left?.id ?? 0) < (fenced?.id ?? 0) && (fenced?.id ?? 0) < (placed?.id ?? 0)).toBe(true);
  });

  it('3. a partitioned owner releases everything, the majority serves, and after healing there is one owner', async () => {
    sfhaJson('node2', 'stonith', 'unfence', 'node1');
    await until('node1 back in the membership', () => online('node2').length === 3, 60_000);
    const owner = groups('node2')[0]?.owner ?? '';
    const others = ['node1', 'node2', 'node3'].filter((n) => n !== owner);
    expect(others).toHaveLength(2);
    await sleep(6_000); // past the minimum delay between fences
    const cutAt = Date.now();
    partitioned = owner;
    labOk('partition', others.join(','), owner);
    await until('the majority to serve the VIP', () => others.includes(client() ?? ''), 60_000);
    figures.partitionFailoverMs = Date.now() - cutAt;
    labOk('heal');
    await sleep(3_000);
    expect(holders(VIP)).toHaveLength(1);
    expect(others).toContain(client());
  });

  it('5a. a manual move goes to the chosen node (stopped first); clearing it leaves the group there', async () => {
    sfhaJson('node1', 'stonith', 'unfence', partitioned);
    await until(`${partitioned} back in the membership`, () => online('node1').length === 3 || online('node2').length === 3, 60_000);
    const owner = client() ?? '';
    const target = ['node1', 'node2', 'node3'].find((n) => n !== owner) ?? '';
    sfhaJson('node1', 'failover', 'web', target);
    await until(`the client to be served by ${target}`, () => client() === target);
    expect(groups('node2')[0]).toMatchObject({ owner: target, movedTo: target });
    sfhaJson('node1', 'failover', '--clear', 'web');
    await sleep(3_000);
    expect(groups('node3')[0]).toMatchObject({ owner: target, movedTo: null });
    expect(client()).toBe(target);
  });

  it('5b. standby of the owner moves its groups away, without fencing it; the node never leads meanwhile', async () => {
    const owner = client() ?? '';
    const fencesBefore = sfhaJson<FenceEvent[]>('node2', 'stonith', 'history').length;
    sfhaJson('node2', 'standby', owner);
    await until('the group to leave the node in standby', () => ![owner, null].includes(client()));
    expect(cluster('node2').leader).not.toBe(owner);
    expect(sfhaJson<FenceEvent[]>('node2', 'stonith', 'history')).toHaveLength(fencesBefore);
    expect(host(owner)?.processes).toBeGreaterThan(0);
    sfhaJson('node2', 'unstandby', owner);
  });

  it('5c. maintenance mode leaves the resources alone', async () => {
    const owner = client() ?? '';
    sfhaJson('node1', 'maintenance', 'on');
    await sleep(1_500);
    labOk('exec', owner, '--', 'start-stop-daemon', '--stop', '--pidfile', '/run/sfha/web-process.pid', '--remove-pidfile');
    await sleep(4_000);
    expect(client()).toBeNull(); // not restarted: hands off
    sfhaJson('node1', 'maintenance', 'off');
    await until('the cluster to restart the service', () => client() === owner);
  });

  it('4. a service that keeps dying is restarted where it runs, then moved away after N failures', async () => {
    const owner = client() ?? '';
    sfhaJson(
      'node1',
      'resources',
      'group-set',
      'web',
      '--vip',
      `${VIP}/24`,
      '--process',
      `${LAB_BIN_DIR}/lab-web-server 8080`,
      '--health-http',
      'http://127.0.0.1:8080/',
      '--max-restarts',
      '2',
      '--prefer',
      'node1',
    );
    await until('the health check to pass', () => groups('node2')[0]?.resources[1]?.health === 'healthy');
    const kill = () => labOk('exec', owner, '--', 'start-stop-daemon', '--stop', '--signal', 'KILL', '--pidfile', '/run/sfha/web-process.pid');
    for (const n of [1, 2]) {
      kill();
      await until(`restart ${n} on ${owner}`, () => groups('node2')[0]?.resources[1]?.restarts === n && client() === owner);
    }
    kill();
    await until(`the group to leave ${owner} after a third failure`, () => ![owner, null].includes(client()), 40_000);
    expect(groups('node3')[0]?.bannedOn).toEqual([owner]);
    expect(sfhaJson<{ resource: string; restarts: number }[]>('node3', 'health').find((r) => r.resource === 'web-process')?.restarts).toBe(0);
    sfhaJson('node1', 'failover', '--clear', 'web');
    expect(groups('node3')[0]?.bannedOn).toEqual([]);
  });

  it('never had two hosts holding the VIP at once (sampled every 50 ms)', async () => {
    const exited = new Promise((resolve) => checker.once('exit', resolve));
    checker.kill('SIGTERM');
    await exited;
    const report = JSON.parse(readFileSync(CHECKER_OUT, 'utf8')) as { samples: number; violations: unknown[] };
    process.stdout.write(`failover: ${JSON.stringify(figures)}; VIP checker: ${report.samples} samples\n`);
    expect(report.samples).toBeGreaterThan(200);
    expect(report.violations).toEqual([]);
  });

  it('an edited VIP releases its old address; a removed group stops everything it ran', async () => {
    const owner = client() ?? '';
    const NEW_VIP = '192.0.2.101';
    sfhaJson('node2', 'resources', 'group-set', 'web', '--vip', `${NEW_VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`, '--prefer', 'node1');
    await until(`${owner} to carry ${NEW_VIP} and nobody ${VIP}`, () => holders(NEW_VIP).join() === owner && holders(VIP).length === 0);
    expect(lanClient(NEW_VIP, 8080)).toBe(owner); // the service itself was left running (same command)
    sfhaJson('node3', 'resources', 'group-remove', 'web');
    await until(`nobody to carry ${NEW_VIP} and the service to stop`, () => holders(NEW_VIP).length === 0 && lanClient(NEW_VIP, 8080, 0.5) === null);
    const events = sfhaJson<{ message: string }[]>(owner, 'events', '--category', 'resource', '--limit', '20').map((e) => e.message);
    expect(events).toContain(`web/web-process stopped on ${owner} (removed from the configuration)`);
  });
});
