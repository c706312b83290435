/**
 * Randomized fault suite, in the spirit of Pacemaker's CTS: a lab cluster runs several
 * groups (two LAN VIPs with a web service each, a mesh VIP with its service) under client
 * load while random faults hit it, one at a time, each followed by a repair and a wait
 * until the cluster is whole again. A checker samples every host's addresses every 50 ms.
 *
 *   npm run chaos -- --faults N --seed S [--nodes 3-5] [--only kill-host,pause-host]
 *
 * Prints per fault type the recovery time (fault → cluster whole again, repair included)
 * and the longest client outage; then the invariants: samples where two hosts held one VIP,
 * client failures outside any fault window, configuration commits acknowledged then lost,
 * every node on the same config generation, every group running exactly once, every fault
 * recovered. Exits 1 when one is violated. Same seed, same faults (chaos-plan.ts).
 */
import { down, powerState, up } from '../lab/lab';
import { startVipChecker, type VipCheckerReport } from '../lab/vip-checker-run';
import { hostName, LAB_BIN_DIR, LAB_ID } from '../lab/lab-layout';
import { holdLabForRun } from '../lab/lab-lock';
import { sleep } from '../lab/lab-system';
import { api, type ClusterView, formClusterFast, maybe, sfhaIn } from '../lab/lab-api';
import type { ConfigView, GroupView } from './chaos-cluster';
import { inject, repair } from './chaos-faults';
import { LoadClients } from './chaos-load';
import { choose, failuresOutsideFaults, figuresByType, type FaultRecord, longestFailureStreak, parseChaosArgs, planFaults, type Request } from './chaos-plan';
import { GROUPS, servicePlaces, steadyProblem } from './chaos-steady';
import { addressesOf, viewOf } from './chaos-cluster';
import { lastWords } from './chaos-logs';

const RECOVERY_LIMIT_MS = 180_000;
/**
 * Whole means whole twice, this far apart: an agent's view may lag Corosync by a poll. A CI
 * run's commit on the "whole" cluster was refused by its leader for lack of quorum a moment
 * after every view looked whole. The cause was in the product: a leader that had just
 * rejoined refused the changes forwarded to it until it heard of quorum itself (now it waits
 * for its view: ClusterMembership.whenQuorate). A violation still prints each host's last HA
 * log lines, and a flap after a first "whole" is printed.
 */
const CONFIRM_MS = 2_000;
/** How long the cluster gets to fence a host that left before the repair powers it on anyway. */
const FENCE_WAIT_MS = 30_000;
const say = (line: string) => process.stdout.write(`${line}\n`);
const quiet = () => undefined;
/** Ctrl-C (or SIGTERM): finish the current fault, then report on the faults done and take the lab down. */
let stopRequested = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (stopRequested = true));

interface Commit {
  value: number;
  during: boolean;
  acked: boolean;
  generation: number | null;
  error: string | null;
}

async function commit(node: string, value: number, during: boolean): Promise<Commit> {
  try {
    const config = await api<ConfigView>(node, 'PUT', '/cluster/config/settings', { fenceStormLimit: value }, 10_000);
    return { value, during, acked: true, generation: config.generation, error: null };
  } catch (error) {
    return { value, during, acked: false, generation: null, error: (error as Error).message };
  }
}

async function leaderOf(hosts: readonly string[]): Promise<string | null> {
  for (const host of hosts) {
    const view = await maybe(() => api<ClusterView>(host, 'GET', '/cluster/status'));
    if (view?.leader) return view.leader;
  }
  return null;
}

/** The hosts that own a group now, as the first node that answers says. */
async function groupOwners(hosts: readonly string[]): Promise<Set<string>> {
  for (const host of hosts) {
    const groups = await maybe(() => api<GroupView[]>(host, 'GET', '/resources/groups'));
    if (groups) return new Set(groups.flatMap((g) => (g.owner ? [g.owner] : [])));
  }
  return new Set();
}

/** Waits until the cluster is whole (repairing on each pass); resolves with the time it was, or null. */
async function recover(hosts: readonly string[], load: LoadClients, from: number): Promise<{ at: number | null; problem: string | null; repairs: string[] }> {
  const repairs: string[] = [];
  let problem: string | null = 'not checked';
  let toldAt = Date.now();
  while (Date.now() - from < RECOVERY_LIMIT_MS) {
    repairs.push(...(await repair(hosts)));
    load.ensureMeshClient(hosts);
    problem = await steadyProblem(hosts, load, from);
    if (problem === null) {
      const at = Date.now();
      await sleep(CONFIRM_MS);
      problem = await steadyProblem(hosts, load, from);
      if (problem === null) return { at, problem, repairs };
      say(`  … whole at ${((at - from) / 1000).toFixed(1)} s, then not: ${problem}`);
    }
    if (Date.now() - toldAt > 30_000) {
      say(`  … still waiting after ${Math.round((Date.now() - from) / 1000)} s: ${problem}`);
      toldAt = Date.now();
    }
    await sleep(1_000);
  }
  return { at: null, problem, repairs };
}

async function setUp(nodes: number): Promise<string[]> {
  await down(quiet);
  await up(nodes, quiet);
  await formClusterFast(nodes);
  const hosts = Array.from({ length: nodes }, (_, k) => hostName(k + 1));
  // Fences come fast and often here: no startup grace, no minimum delay, a storm limit out of the way.
  await sfhaIn('node1', 'config', 'set', '--fence-startup-grace-ms', '0', '--fence-min-delay-ms', '0', '--fence-storm-limit', '1000');
  await sfhaIn('node1', 'stonith', 'device-set', 'lab', '--agent', 'fence_sfha_lab', ...hosts.flatMap((h) => ['--host', `${h}=${h}`]));
  for (const group of GROUPS) {
    const address = group.mesh ? ['--mesh-vip', group.vip] : ['--vip', `${group.vip}/24`];
    await sfhaIn('node1', 'resources', 'group-set', group.name, ...address, '--process', `${LAB_BIN_DIR}/lab-web-server ${group.port}`);
  }
  return hosts;
}

async function main(): Promise<number> {
  const options = parseChaosArgs(process.argv.slice(2), Math.floor(Math.random() * 2 ** 32));
  const replay = `npm run chaos -- --faults ${options.faults} --seed ${options.seed} --nodes ${options.nodes}${options.types.length < 7 ? ` --only ${options.types.join(',')}` : ''}`;
  say(`chaos: lab "${LAB_ID}", ${options.nodes} nodes, ${options.faults} faults, seed ${options.seed} (replay: ${replay})`);
  await holdLabForRun();
  const plan = planFaults(options.seed, options.faults, options.types);
  const hosts = await setUp(options.nodes);
  const load = new LoadClients(options.seed);
  const checker = startVipChecker(
    GROUPS.map((g) => g.vip),
    hosts.length,
    'chaos',
  );
  const faults: FaultRecord[] = [];
  const commits: Commit[] = [];
  const unrecovered: string[] = [];
  let value = 500;
  try {
    load.start(hosts);
    const first = await recover(hosts, load, Date.now());
    if (first.at === null) throw new Error(`the cluster never became whole before the first fault: ${first.problem}`);
    const loadFrom = first.at;
    for (const fault of plan) {
      if (stopRequested) {
        say(`chaos: stopped on request after ${faults.length} fault(s)`);
        break;
      }
      const target = fault.type === 'partition-leader' ? ((await leaderOf(hosts)) ?? choose(hosts, fault.targetPick)) : choose(hosts, fault.targetPick);
      const owners = await groupOwners(hosts);
      const startedAt = Date.now();
      const injected = await inject(fault, fault.type, target, hosts);
      // A commit while the fault is on: it may be refused, but one that is acknowledged must never be lost.
      commits.push(await commit(choose(hosts, fault.commitPick), ++value, true));
      // The cluster fences a host that left while owning a group (one that owns nothing may just come back).
      if (injected.fenceExpected && injected.hosts.some((h) => owners.has(h))) await waitForFence(injected.hosts, startedAt);
      const recovered = await recover(hosts, load, startedAt);
      faults.push({ type: fault.type, target: injected.hosts.join(','), startedAt, recoveredAt: recovered.at });
      const took = recovered.at === null ? 'NOT RECOVERED' : `${((recovered.at - startedAt) / 1000).toFixed(1)} s`;
      say(`fault ${fault.index + 1}/${plan.length} ${fault.type} ${injected.hosts.join(',')}: ${took}${recovered.repairs.length ? ` (${[...new Set(recovered.repairs)].join('; ')})` : ''}`);
      if (recovered.at === null) {
        unrecovered.push(`fault ${fault.index + 1} ${fault.type} ${target}: ${recovered.problem}`);
        break;
      }
      // A commit on the whole cluster must be acknowledged.
      const whole = await commit(choose(hosts, 1 - fault.commitPick), ++value, false);
      commits.push(whole);
      if (!whole.acked) say(`  the commit after fault ${fault.index + 1} was refused: ${whole.error}`);
    }
    const end = Date.now();
    const requests = load.requests.filter((r) => r.at >= loadFrom);
    return await report({ faults, commits, unrecovered, end, requests, hosts, checker: await checker.stop(), seed: options.seed, replay });
  } finally {
    await load.stop();
    await checker.stop().catch(() => undefined);
    await down(quiet);
  }
}

/** Until every host the fault took out is powered off (fenced), or FENCE_WAIT_MS. */
async function waitForFence(hosts: readonly string[], from: number): Promise<void> {
  while (Date.now() - from < FENCE_WAIT_MS) {
    const states = await Promise.all(hosts.map(powerState));
    if (states.every((s) => s === 'off')) return;
    await sleep(250);
  }
}

interface RunResult {
  faults: FaultRecord[];
  commits: Commit[];
  unrecovered: string[];
  end: number;
  requests: Request[];
  hosts: string[];
  checker: VipCheckerReport;
  seed: number;
  replay: string;
}

/** Prints the figures and the invariants; 0 when every invariant holds. */
async function report(run: RunResult): Promise<number> {
  const violations: string[] = [...run.unrecovered.map((u) => `not recovered within ${RECOVERY_LIMIT_MS / 1000} s: ${u}`)];
  say('');
  say('fault type           count  recovery median / max     longest client outage median / max');
  for (const f of figuresByType(run.faults, run.requests)) {
    const s = (ms: number) => (Number.isNaN(ms) ? '—' : `${(ms / 1000).toFixed(1)} s`);
    say(
      `${f.type.padEnd(20)} ${String(f.count).padStart(5)}  ${`${s(f.recoveryMedianMs)} / ${s(f.recoveryMaxMs)}`.padEnd(24)}  ${s(f.outageMedianMs)} / ${s(f.outageMaxMs)}${f.recovered < f.count ? `  (${f.count - f.recovered} not recovered)` : ''}`,
    );
  }
  // Two holders of one VIP, at any sample.
  say('');
  say(`VIP checker: ${run.checker.samples} samples, ${run.checker.violations.length} with two holders of one VIP`);
  if (run.checker.violations.length > 0)
    violations.push(
      `two holders of one VIP: ${run.checker.violations
        .slice(0, 5)
        .map((v) => `${v.at} ${v.vip} on ${v.holders.join('+')}`)
        .join('; ')}`,
    );
  // Client requests that failed while no fault was under way.
  const outside = failuresOutsideFaults(run.requests, run.faults, run.end);
  const streak = longestFailureStreak(run.requests, outside);
  say(`client: ${run.requests.length} requests, ${run.requests.filter((r) => !r.ok).length} failed, ${outside.length} of them outside a fault window (longest streak ${streak})`);
  if (outside.length > 0)
    say(
      `  outside: ${outside
        .slice(0, 5)
        .map((r) => `${new Date(r.at).toISOString()} ${r.target}`)
        .join('; ')}`,
    );
  // A lone timeout on a loaded machine is noise; three in a row (≥ 300 ms) is an outage.
  if (streak >= 3) violations.push(`the clients failed ${streak} times in a row outside any fault window`);
  // Commits: one on the whole cluster after each fault must be acknowledged; none acknowledged may be lost.
  const views = await Promise.all(run.hosts.map(viewOf));
  const generations = views.map((v) => `${v.node}=${v.config?.generation ?? '?'}`);
  const acked = run.commits.filter((c) => c.acked);
  const refusedWhole = run.commits.filter((c) => !c.during && !c.acked);
  say(`commits: ${run.commits.length} tried, ${acked.length} acknowledged (${run.commits.filter((c) => c.during && c.acked).length} during a fault); generations ${generations.join(' ')}`);
  if (refusedWhole.length > 0) violations.push(`a commit on the whole cluster was refused: ${refusedWhole[0]?.error}`);
  if (new Set(views.map((v) => v.config?.generation)).size !== 1) violations.push(`the nodes disagree on the config generation: ${generations.join(' ')}`);
  const maxAcked = Math.max(0, ...acked.map((c) => c.generation ?? 0));
  if (views.some((v) => (v.config?.generation ?? -1) < maxAcked))
    violations.push(`an acknowledged commit is missing on a node: generation ${maxAcked} was acknowledged, nodes have ${generations.join(' ')}`);
  const lastAcked = run.commits.lastIndexOf(acked.at(-1) as Commit);
  const possible = run.commits.slice(Math.max(0, lastAcked)).map((c) => c.value);
  const finalValues = views.map((v) => v.config?.settings.fenceStormLimit);
  if (acked.length > 0 && !finalValues.every((x) => x !== undefined && possible.includes(x)))
    violations.push(`the last acknowledged setting (${acked.at(-1)?.value}) is not what the nodes have (${finalValues.join(', ')})`);
  // Every group exactly once.
  const places = await servicePlaces(run.hosts);
  const addresses = await Promise.all(run.hosts.map(addressesOf));
  for (const group of GROUPS) {
    const holders = run.hosts.filter((_, k) => addresses[k]?.includes(group.vip));
    say(`group ${group.name}: service on [${(places[group.name] ?? []).join(',')}], VIP ${group.vip} on [${holders.join(',')}]`);
    if ((places[group.name] ?? []).length !== 1 || holders.length !== 1) violations.push(`group ${group.name} does not run exactly once`);
  }
  say('');
  if (violations.length === 0) {
    say(`chaos: every invariant held (seed ${run.seed})`);
    return 0;
  }
  for (const v of violations) say(`VIOLATED: ${v}`);
  lastWords(run.hosts, say);
  say(`chaos: ${violations.length} invariant(s) violated; replay: ${run.replay}`);
  return 1;
}

// Node exits quietly with code 0 when only unref'd timers are left: keep it alive until the run settles.
const keepAlive = setInterval(() => undefined, 60_000);
main().then(
  (code) => {
    clearInterval(keepAlive);
    process.exit(code);
  },
  (error: unknown) => {
    process.stderr.write(`chaos: ${(error as Error).message}\n`);
    process.exit(1);
  },
);
