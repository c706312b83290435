import { execFileSync } from 'node:child_process';
import type { HostStatus } from './lab';
import { BRIDGE_NS, netnsPath } from './lab-layout';
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
export const online = (node: string) =>
  cluster(node)
    .nodes.filter((n) => n.online)
    .map((n) => n.name);
export const token = (node: string) => sfhaJson<{ token: string }>(node, 'mesh', 'token').token;
export const host = (name: string) => (JSON.parse(labOk('status', '--json')) as HostStatus[]).find((h) => h.name === name);
/** Waits until `check` holds; a check that throws (an agent restarting) counts as not yet. */
export const until = (what: string, check: () => boolean, ms = 30_000) => waitFor(what, () => Promise.resolve().then(check), ms);

/** {@link until}, returning how long it took (ms). */
export async function timed(what: string, check: () => boolean, ms = 30_000): Promise<number> {
  const started = Date.now();
  await until(what, check, ms);
  return Date.now() - started;
}

/** The latest confirmed-or-not power-off of `node` in the history `reader` sees (newest first). */
export const fenceOf = (reader: string, node: string) =>
  sfhaJson<{ node: string; action: string; ok: boolean; requestedBy: string }[]>(reader, 'stonith', 'history').find((e) => e.node === node && e.action === 'off');

/** The lab hosts that carry `vip` on `dev` right now. */
export const holders = (vip: string, dev = 'eth0', nodes: readonly string[] = ['node1', 'node2', 'node3']) =>
  nodes.filter((n) => lab('exec', n, '--', 'ip', '-o', 'address', 'show', 'dev', dev).stdout.includes(` ${vip}/`));

/** A fresh 3-node lab: node1 creates the cluster, node2 joins from node1, node3 from node2. */
export async function formCluster(): Promise<void> {
  await formClusterWith([]);
}

/** {@link formCluster} with extra `lab up` flags (e.g. --systemd) and COUNT nodes, node<i> joining from node<i-1>. */
export async function formClusterWith(upFlags: readonly string[], count = 3): Promise<void> {
  labOk('down');
  labOk('up', String(count), ...upFlags);
  sfhaJson('node1', 'init', '--cluster', 'prod', '--mesh', '--ip', '10.100.0.1/24');
  for (let i = 2; i <= count; i++) sfhaJson(`node${i}`, 'join', token(`node${i - 1}`));
  await until(`a quorate membership of ${count}`, () => online('node1').length === count && cluster(`node${count}`).quorate);
}

/** A client on the lab's LAN (the bridge): who answers at http://ADDRESS:PORT/, or null. */
export function lanClient(address: string, port: number, timeoutSeconds = 1): string | null {
  try {
    return execFileSync('nsenter', [`--net=${netnsPath(BRIDGE_NS)}`, 'curl', '-s', '-m', String(timeoutSeconds), `http://${address}:${port}/`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
