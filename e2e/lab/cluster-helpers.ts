import { execFileSync } from 'node:child_process';
import type { HostStatus } from './lab';
import { lab, labOk, sfhaJson } from './lab-runner';
import { waitFor } from './lab-system';

/** Shared by the lab specs that form a cluster: what `sfha status` says of it, and waiting. */
export interface ClusterStatus {
  quorate: boolean;
  leader: string | null;
  expectedVotes: number | null;
  nodes: { name: string; nodeId: number; online: boolean; leader: boolean }[];
}

export const cluster = (node: string) => sfhaJson<{ cluster: ClusterStatus }>(node, 'status').cluster;
export const online = (node: string) => cluster(node).nodes.filter((n) => n.online).map((n) => n.name);
export const token = (node: string) => sfhaJson<{ token: string }>(node, 'mesh', 'token').token;
export const host = (name: string) => (JSON.parse(labOk('status', '--json')) as HostStatus[]).find((h) => h.name === name);
export const until = (what: string, check: () => boolean, ms = 30_000) => waitFor(what, () => Promise.resolve(check()), ms);

/** {@link until}, returning how long it took (ms). */
export async function timed(what: string, check: () => boolean, ms = 30_000): Promise<number> {
  const started = Date.now();
  await until(what, check, ms);
  return Date.now() - started;
}

/** The lab hosts that carry `vip` on `dev` right now. */
export const holders = (vip: string, dev = 'eth0', nodes: readonly string[] = ['node1', 'node2', 'node3']) =>
  nodes.filter((n) => lab('exec', n, '--', 'ip', '-o', 'address', 'show', 'dev', dev).stdout.includes(` ${vip}/`));

/** A fresh 3-node lab: node1 creates the cluster, node2 joins from node1, node3 from node2. */
export async function formCluster(): Promise<void> {
  await formClusterWith([]);
}

/** {@link formCluster} with extra `lab up` flags, e.g. --systemd. */
export async function formClusterWith(upFlags: readonly string[]): Promise<void> {
  labOk('down');
  labOk('up', '3', ...upFlags);
  sfhaJson('node1', 'init', '--cluster', 'prod', '--mesh', '--ip', '10.100.0.1/24');
  sfhaJson('node2', 'join', token('node1'));
  sfhaJson('node3', 'join', token('node2'));
  await until('a quorate membership of 3', () => online('node1').length === 3 && cluster('node3').quorate);
}

/** A client on the lab's LAN (the bridge): who answers at http://ADDRESS:PORT/, or null. */
export function lanClient(address: string, port: number, timeoutSeconds = 1): string | null {
  try {
    return execFileSync('nsenter', ['--net=/run/netns/sfha-br', 'curl', '-s', '-m', String(timeoutSeconds), `http://${address}:${port}/`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
