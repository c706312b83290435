import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formCluster, holders, host, until } from './cluster-helpers';
import { hostNetnsPath, LAB_BIN_DIR } from './lab-layout';
import { lab, labOk, sfha, sfhaJson } from './lab-runner';
import { startVipChecker } from './vip-checker-run';

const MESH_VIP = '10.100.0.200';
const PORT = 8083;
const NODES = ['node1', 'node2', 'node3'];
const MESH_IP: Record<string, string> = { node1: '10.100.0.1', node2: '10.100.0.2', node3: '10.100.0.3' };

interface Group {
  name: string;
  owner: string | null;
}

/** A member reaching the service through the mesh VIP: who answers, or null. */
function meshClient(from: string, timeoutSeconds = 1): string | null {
  try {
    return execFileSync('nsenter', [`--net=${hostNetnsPath(from)}`, 'curl', '-s', '-m', String(timeoutSeconds), `http://${MESH_VIP}:${PORT}/`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}

/** On `on`, the allowed-IPs of the peer entry of `peer` (found by its own mesh address). */
function allowedIpsOf(on: string, peer: string): string[] {
  const lines = labOk('exec', on, '--', 'wg', 'show', 'wg-sfha', 'allowed-ips').trim().split('\n');
  const line = lines.find((l) => l.split(/\s+/).includes(`${MESH_IP[peer]}/32`)) ?? '';
  return line.split(/\s+/).slice(1).sort();
}

/** Every other live member routes the VIP to `owner`, and to nobody else. */
const routedTo = (owner: string, live: readonly string[]) =>
  live.filter((n) => n !== owner).every((n) => live.filter((p) => p !== n).every((p) => allowedIpsOf(n, p).includes(`${MESH_VIP}/32`) === (p === owner)));
const owner = () => sfhaJson<Group[]>('node1', 'resources').find((g) => g.name === 'db')?.owner ?? null;
/** When the leader (node1) committed the group's placement on `node`, as its timeline says. */
const placedAt = (node: string) => Date.parse(sfhaJson<{ at: string; message: string }[]>('node1', 'events', '--limit', '100').find((e) => e.message === `placement: db → ${node}`)?.at ?? '');

let checker: ReturnType<typeof startVipChecker> | undefined;
const figures: Record<string, number[]> = { moveMs: [], moveAfterPlacementMs: [] };

beforeAll(async () => {
  await formCluster();
  sfhaJson('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '3000');
  sfhaJson('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', ...NODES.flatMap((n) => ['--host', `${n}=${n}`]));
  checker = startVipChecker([MESH_VIP], 3, 'mesh');
});

afterAll(() => {
  // Down even when the lab never came up (no checker then).
  void checker?.stop().catch(() => undefined);
  lab('down');
});

describe('a VIP inside the mesh, routed to its owner by every member’s WireGuard', () => {
  it('refuses a mesh VIP outside the mesh network or on a member’s address, naming the problem', () => {
    const outside = sfha('node1', 'resources', 'group-set', 'bad', '--mesh-vip', '192.0.2.150');
    expect(outside.stderr).toContain('(HTTP 400, VALIDATION_FAILED)');
    expect(outside.stderr).toContain('mesh VIP 192.0.2.150 is not a usable address inside the mesh network 10.100.0.0/24');
    expect(sfha('node1', 'resources', 'group-set', 'bad', '--mesh-vip', MESH_IP.node2 ?? '').stderr).toContain("mesh VIP 10.100.0.2 is a member's own mesh address");
    // An address promised to a pending invitation (node1's) is taken until it is revoked, whichever node the group is set through.
    const invitation = sfhaJson<{ id: string; assignedIp: string }>('node1', 'mesh', 'token', '--ip', '10.100.0.201');
    for (const through of ['node1', 'node2'])
      expect(sfha(through, 'resources', 'group-set', 'bad', '--mesh-vip', '10.100.0.201').stderr).toContain(
        'mesh VIP 10.100.0.201 is the address of a pending invitation (revoke it, or choose another address)',
      );
    expect(sfha('node1', 'mesh', 'revoke', invitation.id).code).toBe(0);
    expect(sfhaJson<Group[]>('node2', 'resources')).toEqual([]);
  });

  it('runs the mesh VIP and the service on node1: node2 and node3 reach it through the mesh', async () => {
    sfhaJson('node2', 'resources', 'group-set', 'db', '--mesh-vip', MESH_VIP, '--process', `${LAB_BIN_DIR}/lab-web-server ${PORT}`, '--prefer', 'node1');
    await until('node2 and node3 to reach node1 through the mesh VIP', () => meshClient('node2') === 'node1' && meshClient('node3') === 'node1');
    expect(holders(MESH_VIP, 'wg-sfha', NODES)).toEqual(['node1']);
    expect(routedTo('node1', NODES)).toBe(true);
    // Not on the LAN: no ARP announcement, nothing on eth0.
    expect(lab('exec', 'node1', '--', 'ip', '-o', 'address', 'show', 'dev', 'eth0').stdout).not.toContain(MESH_VIP);
  });

  it('moves with its group: reached on the new owner from the two others; the route left the old owner’s entry everywhere', async () => {
    for (const [from, to] of [
      ['node1', 'node2'],
      ['node2', 'node3'],
      ['node3', 'node2'],
    ] as const) {
      const movedAt = Date.now();
      sfhaJson('node1', 'failover', 'db', to);
      const watcher = NODES.find((n) => n !== from && n !== to) ?? '';
      await until(`${watcher} to reach ${to} through the mesh VIP`, () => meshClient(watcher, 0.3) === to);
      const reachedAt = Date.now();
      figures.moveMs?.push(reachedAt - movedAt);
      figures.moveAfterPlacementMs?.push(reachedAt - placedAt(to));
      expect(meshClient(from)).toBe(to);
      expect(holders(MESH_VIP, 'wg-sfha', NODES)).toEqual([to]);
      expect(routedTo(to, NODES)).toBe(true);
    }
    sfhaJson('node1', 'failover', '--clear', 'db');
  });

  it('when the owner dies, it is reached again on the node that took over, after the fence', async () => {
    const killedAt = Date.now();
    labOk('kill', 'node2');
    let next = '';
    await until(
      'the group to be served through the mesh VIP again',
      () => {
        const from1 = meshClient('node1');
        const from3 = meshClient('node3');
        next = from1 ?? '';
        return !!from1 && from1 === from3 && ['node1', 'node3'].includes(from1);
      },
      60_000,
    );
    figures.takeoverMs = [Date.now() - killedAt];
    expect(owner()).toBe(next);
    expect(sfhaJson<{ node: string; ok: boolean; requestedBy: string }[]>('node1', 'stonith', 'history').find((e) => e.node === 'node2')).toMatchObject({ ok: true, requestedBy: 'leader' });
    // The VIP checker's `ip -n node2` runs inside node2 for a few ms every 50 ms: wait for a quiet moment.
    await until('no process left on node2', () => host('node2')?.processes === 0, 15_000);
    expect(routedTo(next, ['node1', 'node3'])).toBe(true);
  });

  it('never had two hosts holding the mesh VIP (sampled every 50 ms)', async () => {
    if (!checker) throw new Error('the VIP checker never started');
    const report = await checker.stop();
    process.stdout.write(`mesh VIP: ${JSON.stringify(figures)}; VIP checker: ${report.samples} samples\n`);
    expect(report.samples).toBeGreaterThan(200);
    expect(report.violations).toEqual([]);
  });
});
