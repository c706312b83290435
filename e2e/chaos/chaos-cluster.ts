/** What the chaos suite asks of the cluster and of the hosts (lab-api.ts: one fetch per question). */
import { readFileSync } from 'node:fs';
import { api, type ClusterView, maybe } from '../lab/lab-api';
import { hostNetns } from '../lab/lab-layout';
import { netnsPids, sh } from '../lab/lab-system';

export interface GroupView {
  name: string;
  owner: string | null;
  resources: { name: string; kind: string; running: boolean | null }[];
}
export interface ConfigView {
  generation: number;
  settings: { fenceStormLimit: number };
}

export interface NodeView {
  node: string;
  cluster: ClusterView | null;
  groups: GroupView[] | null;
  config: ConfigView | null;
}

export async function viewOf(node: string): Promise<NodeView> {
  const [cluster, groups, config] = await Promise.all([
    maybe(() => api<ClusterView>(node, 'GET', '/cluster/status')),
    maybe(() => api<GroupView[]>(node, 'GET', '/resources/groups')),
    maybe(() => api<ConfigView>(node, 'GET', '/cluster/config')),
  ]);
  return { node, cluster, groups, config };
}

/** The addresses each host holds on any interface (as the VIP checker sees them). */
export async function addressesOf(node: string): Promise<string[]> {
  const { stdout, exitCode } = await sh('ip', ['-n', hostNetns(node), '-j', 'address', 'show'], { allowFailure: true });
  if (exitCode !== 0) return [];
  return (JSON.parse(stdout || '[]') as { addr_info?: { local?: string }[] }[]).flatMap((l) => l.addr_info?.map((a) => a.local ?? '') ?? []);
}

/** The host's processes whose command line contains `needle`. */
export async function processesOf(node: string, needle: string): Promise<number[]> {
  const pids = await netnsPids(hostNetns(node));
  return pids.filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ').includes(needle);
    } catch {
      return false;
    }
  });
}

/** The host's processes named `comm` (their /proc comm), e.g. corosync. */
export async function processNamed(node: string, comm: string): Promise<number[]> {
  return (await netnsPids(hostNetns(node))).filter((pid) => commandOf(pid) === comm);
}

const commandOf = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return '';
  }
};

/**
 * Every process of the host (to SIGSTOP, SIGCONT, or to tell a powered-off host), less the
 * `ip -n` the VIP checker runs in every host every 50 ms for a few ms.
 */
export async function hostPids(node: string): Promise<number[]> {
  return (await netnsPids(hostNetns(node))).filter((pid) => commandOf(pid) !== 'ip');
}
