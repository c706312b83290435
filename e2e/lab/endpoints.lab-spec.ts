import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cluster, online, token, until } from './cluster-helpers';
import { hostIp } from './lab-layout';
import { lab, labOk, sfhaJson } from './lab-runner';
import { setLabDnsRecord } from './lab-resolver';

/**
 * Endpoints that move (issue 15 §1): node2 and node3 are two homes known by DNS names
 * (dynamic DNS), served by the lab's resolver on the bridge. Both get a new address at once: the
 * link between them can only come back by re-resolving the names (each one's keepalives go to
 * the other's old address; WireGuard's roaming alone cannot help).
 */
interface Peer {
  name: string;
  publicKey: string;
  endpoint: string | null;
  configuredEndpoint: string | null;
  endpointProblem: string | null;
  latestHandshakeAt: string | null;
}
const peers = (node: string) => sfhaJson<{ peers: Peer[] }>(node, 'mesh', 'status').peers;
const peer = (node: string, of: string) => peers(node).find((p) => p.name === of);
const NEW = { node2: '192.0.2.12', node3: '192.0.2.13' } as const;

/** What WireGuard on `node` has for `of` now (read with wg itself: cheap, so the figure is not the CLI's). */
const keys = new Map<string, string>();
interface WgPeer {
  endpoint: string;
  handshakeAt: number;
  rxBytes: number;
}
function wgPeer(node: string, of: string): WgPeer {
  keys.set(of, peer(node, of)?.publicKey ?? '');
  return wgPeerByKey(node, of);
}
function wgPeerByKey(node: string, of: string): WgPeer {
  const key = keys.get(of) ?? '?';
  const field = (what: string) =>
    labOk('exec', node, '--', 'wg', 'show', 'wg-sfha', what)
      .split('\n')
      .find((l) => l.startsWith(key))
      ?.split('\t')[1] ?? '';
  return { endpoint: field('endpoints'), handshakeAt: Number(field('latest-handshakes')) * 1000, rxBytes: Number(field('transfer')) };
}

/** Gives a lab host another LAN address (its ISP changed it): the old one goes first (removing a primary address would take its secondaries with it). */
function readdress(node: 'node2' | 'node3', address: string): void {
  const index = Number(node.slice(4));
  labOk('exec', node, '--', 'ip', 'address', 'del', `${hostIp(index)}/24`, 'dev', 'eth0');
  labOk('exec', node, '--', 'ip', 'address', 'add', `${address}/24`, 'dev', 'eth0');
}

beforeAll(async () => {
  labOk('down');
  labOk('up', '3');
  setLabDnsRecord('home2.lab', hostIp(2));
  setLabDnsRecord('home3.lab', hostIp(3));
  sfhaJson('node1', 'init', '--cluster', 'prod', '--mesh', '--ip', '10.100.0.1/24');
  sfhaJson('node2', 'join', token('node1'), '--endpoint', 'home2.lab:51820');
  sfhaJson('node3', 'join', token('node1'), '--endpoint', 'home3.lab:51820');
  await until('a quorate membership of 3', () => online('node1').length === 3 && cluster('node3').quorate);
});

afterAll(() => {
  setLabDnsRecord('home2.lab', null);
  setLabDnsRecord('home3.lab', null);
  lab('down');
});

describe('members known by a DNS name', () => {
  it('show their DNS name and the address it resolves to in mesh status', async () => {
    await until('node2 and node3 resolved on node1', () => peer('node1', 'node2')?.endpoint === `${hostIp(2)}:51820` && peer('node1', 'node3')?.endpoint === `${hostIp(3)}:51820`);
    expect(peer('node1', 'node3')).toMatchObject({ configuredEndpoint: 'home3.lab:51820', endpointProblem: null });
    expect(peer('node2', 'node3')).toMatchObject({ configuredEndpoint: 'home3.lab:51820', endpoint: `${hostIp(3)}:51820` });
  });

  it('are followed within 30 s when both homes get a new address at once, without an admin action', async () => {
    // Keys first: the CLI may not answer while the links are down.
    const keysRead = [wgPeer('node2', 'node3'), wgPeer('node3', 'node2')];
    expect(keysRead.map((p) => p.endpoint)).toEqual([`${hostIp(3)}:51820`, `${hostIp(2)}:51820`]);
    readdress('node2', NEW.node2);
    readdress('node3', NEW.node3);
    // From here no packet between node2 and node3 arrives until one of them sends to the other's new address.
    const movedAt = Date.now();
    const baseline = [wgPeerByKey('node2', 'node3'), wgPeerByKey('node3', 'node2')];
    setLabDnsRecord('home2.lab', NEW.node2);
    setLabDnsRecord('home3.lab', NEW.node3);
    // Followed: WireGuard sends to the new address and receives from it (a new handshake, or bytes
    // received since the baseline: Corosync talks all the time).
    const followed = (node: string, of: string, address: string) => {
      const now = wgPeerByKey(node, of);
      const before = baseline[node === 'node2' ? 0 : 1] as WgPeer;
      return now.endpoint === `${address}:51820` && (now.handshakeAt >= movedAt || now.rxBytes > before.rxBytes);
    };
    await until('node2 and node3 to reach each other at their new addresses', () => followed('node2', 'node3', NEW.node3) && followed('node3', 'node2', NEW.node2), 30_000);
    process.stdout.write(`endpoints: both homes followed ${Date.now() - movedAt} ms after their addresses changed\n`);
    await until('a quorate membership of 3 again', () => online('node2').length === 3 && online('node3').length === 3 && cluster('node2').quorate);
  });

  it('a name that stops resolving keeps its last address (the link stays) and mesh status says why', async () => {
    setLabDnsRecord('home3.lab', null);
    await until("node1 to report node3's name as unresolved", () => (peer('node1', 'node3')?.endpointProblem ?? '').startsWith('home3.lab does not resolve'), 30_000);
    expect(peer('node1', 'node3')?.endpoint).toBe(`${NEW.node3}:51820`);
    // The link stays: all three members (a token timeout on a loaded machine may reform the membership for a moment).
    await until('all three members online', () => online('node1').length === 3, 15_000);
    setLabDnsRecord('home3.lab', NEW.node3);
    await until('the problem to clear', () => peer('node1', 'node3')?.endpointProblem === null, 30_000);
  });
});
