import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, fenceOf, lanClient, online, timed, token, until } from './cluster-helpers';
import { LAB_BIN_DIR, privateDirSource } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { sleep } from './lab-system';
import { startVipChecker, type VipCheckerReport } from './vip-checker-run';

/**
 * Two full nodes and a witness (docs/design.md, "Witness"): node3 joins with a witness link and
 * is a plain Corosync voter over the mesh. No two_node: the survivor of either full node keeps
 * quorum with the witness's vote, fences the other through the lab's fence device and takes the
 * group; the witness never holds the VIP.
 */
const VIP = '192.0.2.103';
const client = () => lanClient(VIP, 8083);
const corosyncConf = (node: string) => readFileSync(join(privateDirSource(node, '/etc/corosync'), 'corosync.conf'), 'utf8');
const roles = (node: string) => Object.fromEntries(sfhaJson<{ cluster: { nodes: { name: string; role: string }[] } }>(node, 'status').cluster.nodes.map((n) => [n.name, n.role]));

let checker: { stop(): Promise<VipCheckerReport> } | undefined;

beforeAll(async () => {
  labOk('down');
  labOk('up', '3');
  sfhaJson('node1', 'init', '--cluster', 'pair', '--mesh', '--ip', '10.100.0.1/24');
  sfhaJson('node2', 'join', token('node1'));
  const invitation = sfhaJson<{ token: string; role: string }>('node1', 'mesh', 'token', '--role', 'witness');
  expect(invitation.role).toBe('witness');
  sfhaJson('node3', 'join', invitation.token);
  await until('a quorate membership of 3', () => online('node1').length === 3 && cluster('node3').quorate, 60_000);
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '5000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', '--host', 'node1=node1', '--host', 'node2=node2');
  sfhaJson('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8083`, '--prefer', 'node1');
  await until('the service on node1', () => client() === 'node1', 60_000);
  checker = startVipChecker([VIP], 3, 'witness');
}, 420_000); // forming a cluster takes minutes on a loaded machine
afterAll(async () => {
  await checker?.stop().catch(() => undefined);
  lab('down');
});

describe('a two-node cluster with a witness', () => {
  it('has the witness as a third Corosync vote, replicated as a witness, with no two_node', () => {
    for (const node of ['node1', 'node2', 'node3']) {
      expect(roles(node)).toEqual({ node1: 'full', node2: 'full', node3: 'witness' });
      const conf = corosyncConf(node);
      expect(conf).not.toContain('two_node');
      expect(conf).toContain('ring0_addr: 10.100.0.3');
    }
    expect(cluster('node1')).toMatchObject({ quorate: true, leader: 'node1', expectedVotes: 3 });
    expect(sfhaJson<{ cluster: { totalVotes: number; quorum: number } }>('node1', 'status').cluster).toMatchObject({ totalVotes: 3, quorum: 2 });
    expect(sfha('node1', 'mesh', 'status').stdout).toContain('node3 (witness)');
  }, 360_000); // nine sfha calls: 213 s at load 30

  it('refuses a group on the witness and an unknown role, changing nothing', () => {
    const prefer = sfha('node1', 'resources', 'group-set', 'db', '--vip', '192.0.2.104/24', '--prefer', 'node3');
    expect(prefer.code).not.toBe(0);
    expect(prefer.stderr).toContain('node3 is a witness');
    const move = sfha('node1', 'failover', 'web', 'node3');
    expect(move.code).not.toBe(0);
    expect(move.stderr).toContain('node3 is a witness');
    const role = sfha('node1', 'mesh', 'token', '--role', 'arbiter');
    expect(role.code).not.toBe(0);
    expect(role.stderr).toContain('--role "arbiter"');
    const groups = sfhaJson<{ name: string; owner: string | null; movedTo: string | null }[]>('node1', 'resources');
    expect(groups.map((g) => [g.name, g.owner, g.movedTo])).toEqual([['web', 'node1', null]]);
    expect(sfhaJson<{ role: string; status: string }[]>('node1', 'mesh', 'invitations').filter((i) => i.status === 'pending')).toEqual([]);
  }, 360_000);

  it('survives the loss of node1 without two_node: node2 and the witness keep quorum, node2 fences node1 and serves', async () => {
    labOk('kill', 'node1');
    const ms = await timed('node2 to serve', () => client() === 'node2', 60_000);
    process.stdout.write(`witness lab: node1 killed → node2 serves in ${ms} ms\n`);
    expect(sfhaJson<{ cluster: { quorate: boolean; leader: string; totalVotes: number; quorum: number } }>('node2', 'status').cluster).toMatchObject({
      quorate: true,
      leader: 'node2',
      totalVotes: 2,
      quorum: 2,
    });
    expect(fenceOf('node2', 'node1')).toMatchObject({ ok: true, requestedBy: 'leader' });
  });

  it('survives the loss of node2 once node1 is back: node1 and the witness keep quorum, node1 fences node2 and serves', async () => {
    sfhaJson('node2', 'stonith', 'unfence', 'node1');
    await until('node1 back', () => online('node2').length === 3, 90_000);
    await sleep(6_000); // past the minimum delay between fences
    labOk('kill', 'node2');
    const ms = await timed('node1 to serve', () => client() === 'node1', 60_000);
    process.stdout.write(`witness lab: node2 killed → node1 serves in ${ms} ms\n`);
    expect(sfhaJson<{ cluster: { quorate: boolean; leader: string; totalVotes: number } }>('node1', 'status').cluster).toMatchObject({ quorate: true, leader: 'node1', totalVotes: 2 });
    expect(fenceOf('node1', 'node2')).toMatchObject({ ok: true, requestedBy: 'leader' });
  });

  it('never had two holders of the VIP, and the witness never held it', async () => {
    const report = await (checker as { stop(): Promise<VipCheckerReport> }).stop();
    checker = undefined;
    expect(report.samples).toBeGreaterThan(100);
    expect(report.violations).toEqual([]);
    expect(report.heldBy?.node3 ?? 0).toBe(0);
    expect(report.heldBy?.node1 ?? 0).toBeGreaterThan(0);
    expect(report.heldBy?.node2 ?? 0).toBeGreaterThan(0);
  });
});
