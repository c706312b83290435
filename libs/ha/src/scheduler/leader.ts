import type { ClusterConfig, ConfigChange } from '../cluster-config';
import { watchdogFence } from '../fence-levels';
import { decideFence, DEFAULT_FENCE_POLICY, type FencePolicy } from '../fence-policy';
import { placeGroups, withHandover } from '../placement';
import { SCHEDULER_POLICY } from './policy';
import type { FenceCapability, FenceOrder, FenceRecord, MembershipView, Memory, SchedulerEvent, Snapshot, Wants } from './snapshot';
import { event } from './events';

export interface LeaderPart {
  proposals: ConfigChange[];
  fences: FenceOrder[];
  events: SchedulerEvent[];
  memory: Pick<Memory, 'nextFenceAttempt' | 'blocked' | 'watchdogFenced'>;
  wants: Wants;
}

/** The fence policy the committed settings ask for. */
export function fencePolicyOf(snapshot: Snapshot): FencePolicy {
  const { settings } = snapshot.config;
  return { ...DEFAULT_FENCE_POLICY, minDelayMs: settings.fenceMinDelayMs, stormLimit: settings.fenceStormLimit };
}

/**
 * Whether a departed owner counts as fenced: a confirmed fence (off or reboot) since it left
 * (or, if this agent never saw it online, since this agent started), with some slack for
 * clocks; or, when it advertised an armed watchdog, sbd's rule: 2 × its watchdog timeout since
 * it left (fence-levels.ts). The watchdog is the last level: where a device can fence the node,
 * only once a fence through its devices has failed since it left.
 */
export function countsAsFenced(node: string, since: number, history: readonly FenceRecord[], capability: FenceCapability | undefined, now: number): boolean {
  if (history.some((e) => e.node === node && e.ok && e.action !== 'on' && e.at >= since - SCHEDULER_POLICY.departureSlackMs)) return true;
  return fencedByWatchdog(node, since, history, capability, now) !== null;
}

/** The wait after which sbd's rule counts a departed owner as fenced, or null when it does not (yet). Pure. */
export function fencedByWatchdog(node: string, since: number, history: readonly FenceRecord[], capability: FenceCapability | undefined, now: number): { waitedMs: number; timeoutMs: number } | null {
  const timeoutMs = capability?.watchdogTimeoutMs;
  if (timeoutMs == null) return null;
  const devicesFailed = history.some((e) => e.node === node && !e.ok && e.action !== 'on' && e.at >= since - SCHEDULER_POLICY.departureSlackMs);
  if ((capability?.devices ?? []).length > 0 && !devicesFailed) return null;
  const verdict = watchdogFence({ leftAt: since, now, advert: { armed: true, timeoutMs, device: '' } });
  return verdict.state === 'fenced' ? { waitedMs: verdict.waitedMs, timeoutMs } : null;
}

/** How each member can be fenced: the devices whose host map names it, and the watchdog it advertises armed (config.watchdogs). Pure. */
export function fenceCapabilities(config: ClusterConfig, members: readonly string[]): Record<string, FenceCapability> {
  return Object.fromEntries(
    members.map((n) => {
      const advert = config.watchdogs?.[n];
      return [n, { devices: (config.fenceDevices ?? []).filter((d) => d.hostMap[n] !== undefined).map((d) => d.name), watchdogTimeoutMs: advert?.armed ? advert.timeoutMs : null }];
    }),
  );
}

/** The nodes that may run groups: online, not in standby, not a witness, in node-id order. Pure. */
export function eligibleNodes(view: MembershipView, standby: readonly string[]): string[] {
  return [...view.nodes]
    .filter((n) => n.online && !n.witness && !standby.includes(n.name))
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((n) => n.name);
}

const sameAssignments = (a: Record<string, string | null>, b: Record<string, string | null>) => Object.keys({ ...a, ...b }).every((k) => (a[k] ?? null) === (b[k] ?? null));

/**
 * The leader's part: fence departed owners (through the fence gate), then propose the new
 * placement, handed over safely (a group changes node only once nobody online runs it).
 */
export function lead(snapshot: Snapshot, memory: Memory, now: number): LeaderPart {
  const view = snapshot.membership;
  const { groups = [], assignments = {}, moves = {}, standby = [], frozen = [], bans = {}, constraints = [] } = snapshot.config;
  const out: LeaderPart = {
    proposals: [],
    fences: [],
    events: [],
    memory: { nextFenceAttempt: { ...memory.nextFenceAttempt }, blocked: memory.blocked, watchdogFenced: { ...(memory.watchdogFenced ?? {}) } },
    wants: { reports: [], fenceHistory: false },
  };
  if (!view) return out;
  const online = [...view.nodes]
    .filter((n) => n.online)
    .sort((a, b) => a.nodeId - b.nodeId)
    .map((n) => n.name);
  const eligible = eligibleNodes(view, standby);
  // A frozen owner left cleanly (freeze shutdown policy): nothing to fence, its groups wait for it.
  const departed = [...new Set(Object.values(assignments).filter((o): o is string => !!o && !online.includes(o) && !frozen.includes(o)))];
  if (departed.length > 0 && !snapshot.fenceHistory) {
    out.wants.fenceHistory = true;
    return out;
  }
  const history = snapshot.fenceHistory ?? [];
  const leftAt = (node: string) => memory.leftAt[node] ?? snapshot.agentStartedAt;
  const fenced = departed.filter((node) => countsAsFenced(node, leftAt(node), history, snapshot.capabilities[node], now));
  for (const node of fenced) {
    const confirmedByDevice = history.some((e) => e.node === node && e.ok && e.action !== 'on' && e.at >= leftAt(node) - SCHEDULER_POLICY.departureSlackMs);
    const byWatchdog = confirmedByDevice ? null : fencedByWatchdog(node, leftAt(node), history, snapshot.capabilities[node], now);
    if (!byWatchdog || out.memory.watchdogFenced?.[node] === leftAt(node)) continue;
    out.memory.watchdogFenced = { ...out.memory.watchdogFenced, [node]: leftAt(node) };
    out.events.push(event('fence.watchdog-confirmed', { node, ...byWatchdog }));
  }
  const decision = placeGroups({ groups, assignments, eligible, online, fenced, frozen, moves, bans, constraints });
  for (const node of decision.toFence) {
    if ((out.memory.nextFenceAttempt[node] ?? 0) > now) continue;
    out.memory.nextFenceAttempt[node] = now + SCHEDULER_POLICY.fenceRetryMs;
    const capability = snapshot.capabilities[node];
    if ((capability?.devices ?? []).length === 0) {
      // With an armed watchdog it counts as fenced once it has waited (countsAsFenced): nothing to run meanwhile.
      if (capability?.watchdogTimeoutMs == null)
        out.events.push(event('fence.departed-not-fenced', { node, error: `no fence device can fence ${node} and it advertised no armed watchdog: configure a device (sfha stonith device-set)` }));
      continue;
    }
    const gate = decideFence(
      { node, manual: false, quorate: view.quorate, now, clusterKnown: snapshot.configCurrent, history: history.filter((e) => e.action !== 'on').map((e) => ({ node: e.node, at: e.at })) },
      fencePolicyOf(snapshot),
    );
    if (!gate.ok) {
      out.events.push(event('fence.departed-not-fenced', { node, error: gate.reason }));
      continue;
    }
    out.fences.push({ node, action: 'off', reason: `${node} left while owning resources` });
  }
  for (const [group, why] of Object.entries(decision.blocked)) if (memory.blocked[group] !== why) out.events.push(event('group.unplaceable', { group, reason: why }));
  out.memory.blocked = decision.blocked;
  if (sameAssignments(decision.assignments, assignments)) return out;
  // A group changes node only once nobody online runs it any more (stop first): every online node's report is needed.
  const missing = online.filter((n) => snapshot.reports?.[n] === undefined);
  if (missing.length > 0) {
    out.wants.reports = missing;
    return out;
  }
  const runs = (node: string, group: string) => {
    const report = snapshot.reports?.[node];
    return !report || Object.values(report.running[group] ?? {}).some(Boolean);
  };
  const next = withHandover(assignments, decision.assignments, online, (group) => online.filter((n) => runs(n, group)), constraints);
  if (!sameAssignments(next, assignments)) {
    out.proposals.push({ kind: 'assign', assignments: next });
    out.events.push(event('placement.changed', { assignments: next }));
  }
  return out;
}
