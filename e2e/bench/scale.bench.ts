/**
 * Benchmark at scale: `lab up N` (default 16) and one cluster of N, then
 *   - join time per node (`sfha join` run in the host, and the agent's own figure),
 *   - config commit latency (a settings change, acknowledged by a majority),
 *   - overview latency (the six API calls the dashboard's overview makes, in parallel),
 *   - agent RSS and idle CPU per node (after the cluster settled, over 30 s),
 *   - failover (kill of the VIP owner → first request served through the VIP by another node).
 * Prints one JSON document, each figure beside its aim (issue 15).
 *
 *   npm run bench:scale            (root; takes its lab over: lab down first and last)
 *   npm run bench:scale -- 8       (another size)
 */
import { readFileSync } from 'node:fs';
import { lanClient } from '../lab/cluster-helpers';
import { agentPid, down, kill, up } from '../lab/lab';
import { api, formClusterFast, sfhaIn } from '../lab/lab-api';
import { hostName, hostNetns, LAB_BIN_DIR } from '../lab/lab-layout';
import { holdLabForRun } from '../lab/lab-lock';
import { netnsPids, sleep } from '../lab/lab-system';

const VIP = '192.0.2.100';
const AIMS = { joinMs: 1_500, failoverMs: 3_000, overviewMs: 500, agentRssMb: 90, idleCpuPercent: 1 };
const OVERVIEW = ['/cluster/status', '/mesh/status', '/resources/groups', '/fencing/status', '/status', '/health'];
const CLOCK_TICKS = 100;
const quiet = () => undefined;
const log = (line: string) => process.stderr.write(`bench:scale: ${line}\n`);

const percentile = (xs: readonly number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? NaN;
};
const summary = (xs: readonly number[]) => ({ median: percentile(xs, 50), p95: percentile(xs, 95), max: Math.max(...xs) });

async function timedMs(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Math.round(Number(process.hrtime.bigint() - started) / 1e6);
}

/** CPU time (user + system, clock ticks) and RSS (kB) of a process. */
function usage(pid: number): { ticks: number; rssKb: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const rss = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { ticks: Number(fields[11]) + Number(fields[12]), rssKb: Number(rss ?? NaN) };
}

/** The host's process named `comm`. */
async function processOf(host: string, comm: string): Promise<number | null> {
  for (const pid of await netnsPids(hostNetns(host))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm) return pid;
    } catch {
      /* gone */
    }
  }
  return null;
}

async function idleUsage(hosts: readonly string[], seconds: number) {
  const pids = hosts.map((h) => agentPid(h) ?? 0);
  const before = pids.map(usage);
  await sleep(seconds * 1_000);
  const after = pids.map(usage);
  const cpu = after.map((a, k) => Math.round(((a.ticks - (before[k]?.ticks ?? 0)) / CLOCK_TICKS / seconds) * 1_000) / 10);
  const rssMb = after.map((a) => Math.round(a.rssKb / 102.4) / 10);
  const others: Record<string, number[]> = {};
  for (const comm of ['corosync', 'wireguard-go']) {
    const found = await Promise.all(hosts.map((h) => processOf(h, comm)));
    others[comm] = found.flatMap((pid) => (pid ? [Math.round(usage(pid).rssKb / 102.4) / 10] : []));
  }
  return { agentCpuPercent: cpu, agentRssMb: rssMb, rssMbOf: { corosync: summary(others.corosync ?? []), wireguardGo: summary(others['wireguard-go'] ?? []) } };
}

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 16);
  if (!Number.isInteger(size) || size < 3 || size > 16) throw new Error(`the size must be a whole number from 3 to 16, got "${process.argv[2]}"`);
  await holdLabForRun();
  await down(quiet);
  const hosts = Array.from({ length: size }, (_, k) => hostName(k + 1));
  const upMs = await timedMs(() => up(size, quiet));
  log(`lab up ${size}: ${upMs} ms`);
  const joins: { node: string; commandMs: number; agentMs: number; attempt: number }[] = [];
  const formMs = await timedMs(() =>
    formClusterFast(size, (node, commandMs, agentMs, attempt) => {
      joins.push({ node, commandMs, agentMs, attempt });
      log(`${node} joined: ${commandMs} ms (agent ${agentMs} ms)${attempt > 1 ? `, attempt ${attempt}` : ''}`);
    }),
  );

  await sfhaIn('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '0');
  await sfhaIn('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', ...hosts.flatMap((h) => ['--host', `${h}=${h}`]));
  await sfhaIn('node1', 'resources', 'group-set', 'web', '--vip', `${VIP}/24`, '--process', `${LAB_BIN_DIR}/lab-web-server 8080`);
  const deadline = Date.now() + 60_000;
  while (!lanClient(VIP, 8080)) {
    if (Date.now() > deadline) throw new Error('the VIP never served');
    await sleep(250);
  }

  const commitMs: number[] = [];
  for (let k = 0; k < 10; k++) commitMs.push(await timedMs(() => api('node1', 'PUT', '/cluster/config/settings', { fenceStormLimit: 10 + k }, 10_000)));
  log(`commits: ${commitMs.join(' ')} ms`);
  const overviewMs: Record<string, number[]> = {};
  for (const node of ['node1', hostName(size)]) {
    overviewMs[node] = [];
    for (let k = 0; k < 20; k++) overviewMs[node].push(await timedMs(() => Promise.all(OVERVIEW.map((path) => api(node, 'GET', path, undefined, 10_000)))));
    log(`overview on ${node}: ${overviewMs[node].join(' ')} ms`);
  }

  log('idle: settling 15 s, then measuring 30 s');
  await sleep(15_000);
  const idle = await idleUsage(hosts, 30);

  const owner = (await api<{ name: string; owner: string | null }[]>('node1', 'GET', '/resources/groups')).find((g) => g.name === 'web')?.owner ?? '';
  const killedAt = Date.now();
  await kill(owner, quiet);
  let servedBy: string | null = null;
  while (!servedBy || servedBy === owner) {
    if (Date.now() - killedAt > 120_000) throw new Error('no failover within 120 s');
    servedBy = lanClient(VIP, 8080, 0.5);
  }
  const failoverMs = Date.now() - killedAt;
  log(`failover ${owner} → ${servedBy}: ${failoverMs} ms`);

  const joinMs = joins.map((j) => j.commandMs);
  const allOverview = Object.values(overviewMs).flat();
  const result = {
    benchmark: 'scale',
    nodes: size,
    labUpMs: upMs,
    clusterFormedMs: formMs,
    joinMs: { ...summary(joinMs), aim: AIMS.joinMs, perNode: joins },
    commitMs: { ...summary(commitMs), samples: commitMs },
    overviewMs: { ...summary(allOverview), aim: AIMS.overviewMs, byNode: Object.fromEntries(Object.entries(overviewMs).map(([n, xs]) => [n, summary(xs)])) },
    agentRssMb: { ...summary(idle.agentRssMb), aim: AIMS.agentRssMb, perNode: idle.agentRssMb },
    agentIdleCpuPercent: { ...summary(idle.agentCpuPercent), aim: AIMS.idleCpuPercent, perNode: idle.agentCpuPercent },
    rssMbOf: idle.rssMbOf,
    failover: { ms: failoverMs, aim: AIMS.failoverMs, killed: owner, servedBy },
    load: readFileSync('/proc/loadavg', 'utf8').trim(),
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

const keepAlive = setInterval(() => undefined, 60_000);
main()
  .then(async () => {
    await down(quiet);
    clearInterval(keepAlive);
    process.exit(0);
  })
  .catch(async (error: unknown) => {
    process.stderr.write(`bench:scale: ${(error as Error).message}\n`);
    await down(quiet).catch(() => undefined);
    process.exit(1);
  });
