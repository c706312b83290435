import type { ConfigChange } from '../cluster-config';
import { groupUp, startBlockers, startOrder } from '../constraints';
import { DEFAULT_RESTART_POLICY, INITIAL_HEALTH, mayRestart, observeHealth } from '../health';
import { localAction } from '../local-plan';
import type { Resource, ResourceGroup } from '../resources';
import { mergeRetired, retiredKey, retiredResources } from '../retired-resources';
import { event } from './events';
import { resourceKey, type Action, type FailureCause, type Memory, type SchedulerEvent, type Snapshot, type StopReason, type Wants } from './snapshot';

export interface LocalPart {
  actions: Action[];
  proposals: ConfigChange[];
  events: SchedulerEvent[];
  wants: Wants;
}

/** The retired resources still to stop here: what the config no longer has of what this node applied. Pure. */
export function pendingRetired(memory: Memory, groups: readonly ResourceGroup[]): ResourceGroup[] {
  return mergeRetired(memory.retired, retiredResources(memory.applied, groups));
}

/**
 * This node's part: stop what the config no longer has, stop every group not assigned here
 * (dependents first), then start and check the groups assigned here (in order, each only once
 * its dependencies are up). A resource this node started that stops running, or turns
 * unhealthy, is restarted while the group's restart policy allows it; past that, the group
 * asks to be banned here and nothing restarts meanwhile. Updates `memory` in place (a copy).
 */
export function runHere(snapshot: Snapshot, memory: Memory, now: number, assignments: Readonly<Record<string, string | null>>, why: StopReason): LocalPart {
  const out: LocalPart = { actions: [], proposals: [], events: [], wants: { reports: [], fenceHistory: false } };
  const self = snapshot.self;
  const groups = snapshot.config.groups ?? [];
  const constraints = snapshot.config.constraints ?? [];
  const started = new Set(memory.started);

  // What the config no longer has: stopped, then forgotten once seen stopped.
  const retired = pendingRetired(memory, groups);
  memory.applied = [...groups];
  memory.retired = [];
  for (const group of retired) {
    const running = [...group.resources].reverse().filter((r) => snapshot.retiredObserved[retiredKey(group.name, r)] !== false);
    for (const resource of running) out.actions.push({ kind: 'stop', group, resource, why: 'removed' });
    if (running.length > 0) memory.retired.push({ ...group, resources: group.resources.filter((r) => running.includes(r)) });
  }

  const ordered = startOrder(groups, constraints);
  const mine = (g: ResourceGroup) => assignments[g.name] === self;
  const isUp = upCheck(snapshot, memory, assignments, out.wants);
  for (const group of [...ordered.filter((g) => !mine(g)).reverse(), ...ordered.filter(mine)]) {
    const key = (r: Resource) => resourceKey(group.name, r.name);
    const observed = (r: Resource) => snapshot.observed[group.name]?.[r.name] ?? 'unknown';
    if (!mine(group)) {
      for (const r of group.resources) {
        started.delete(key(r));
        delete memory.health[key(r)];
      }
      for (const r of [...group.resources].reverse())
        if (localAction({ group, mine: false, waiting: false, leaving: false, started: new Set() }, r, observed(r)) === 'stop') out.actions.push({ kind: 'stop', group, resource: r, why });
      delete memory.waiting[group.name];
      continue;
    }
    const fresh = group.resources.some((r) => !started.has(key(r)));
    const blockers = fresh ? startBlockers(group.name, constraints, isUp) : [];
    const waitWhy = blockers.length > 0 ? `waiting for group ${blockers.join(', ')} (order) before starting on ${self}` : '';
    if (waitWhy && memory.waiting[group.name] !== waitWhy) out.events.push(event('group.waiting', { group: group.name, node: self, waitingFor: [...blockers] }));
    if (waitWhy) memory.waiting[group.name] = waitWhy;
    else delete memory.waiting[group.name];
    const startedHere = new Set(group.resources.filter((r) => started.has(key(r))).map((r) => r.name));
    const local = { group, mine: true, waiting: waitWhy !== '', leaving: memory.banRequested.includes(group.name), started: startedHere };
    for (const r of group.resources) {
      const action = localAction(local, r, observed(r));
      if (action === 'start') {
        started.add(key(r));
        out.actions.push({ kind: 'start', group, resource: r });
      } else if (action === 'failed') failed(group, r, self, { kind: 'stopped-running' }, memory, now, out);
      else if (action === 'check-health') checkHealth(group, r, snapshot, memory, now, out);
    }
  }
  for (const group of groups) if (!mine(group)) memory.banRequested = memory.banRequested.filter((g) => g !== group.name);
  memory.started = [...started];
  return out;
}

/**
 * Whether a group is up where it is assigned: here, from what runs here and the health
 * checks; elsewhere, from its owner's report (asked for only when a start here waits on it).
 */
function upCheck(snapshot: Snapshot, memory: Memory, assignments: Readonly<Record<string, string | null>>, wants: Wants): (group: string) => boolean {
  const byName = new Map((snapshot.config.groups ?? []).map((g) => [g.name, g]));
  return (name) => {
    const group = byName.get(name);
    const owner = assignments[name];
    if (!group || !owner) return false;
    if (owner === snapshot.self) {
      const running = Object.fromEntries(group.resources.map((r) => [r.name, snapshot.observed[name]?.[r.name] !== false]));
      const health = Object.fromEntries(group.resources.map((r) => [r.name, { status: memory.health[resourceKey(name, r.name)]?.state.status ?? 'not-checked' }]));
      return groupUp(group, running, health);
    }
    const report = snapshot.reports?.[owner];
    if (report === undefined && !wants.reports.includes(owner)) wants.reports.push(owner);
    return groupUp(group, report?.running[name], report?.health[name]);
  };
}

/** Consumes a probe's result through the hysteresis, or asks for a probe when one is due. */
function checkHealth(group: ResourceGroup, resource: Resource, snapshot: Snapshot, memory: Memory, now: number, out: LocalPart): void {
  const check = 'health' in resource ? resource.health : undefined;
  if (!check) return;
  const key = resourceKey(group.name, resource.name);
  const entry = memory.health[key] ?? { state: INITIAL_HEALTH, detail: '', lastCheck: -Infinity };
  const result = snapshot.probes[key];
  if (!result) {
    if (now - entry.lastCheck < check.intervalMs) return;
    memory.health[key] = { ...entry, lastCheck: now };
    out.actions.push({ kind: 'probe', group, resource });
    return;
  }
  const state = observeHealth(entry.state, result.ok, check);
  memory.health[key] = { state, detail: result.detail, lastCheck: entry.lastCheck };
  const self = snapshot.self;
  if (state.status !== entry.state.status) out.events.push(event('health.changed', { group: group.name, resource: resource.name, node: self, status: state.status, detail: result.detail }));
  if (state.status === 'unhealthy') failed(group, resource, self, { kind: 'unhealthy', detail: result.detail }, memory, now, out);
}

/** Restart here while the group's policy allows it; past that, ask the leader to move the group away. */
function failed(group: ResourceGroup, resource: Resource, self: string, cause: FailureCause, memory: Memory, now: number, out: LocalPart): void {
  const key = resourceKey(group.name, resource.name);
  const policy = group.restart ?? DEFAULT_RESTART_POLICY;
  const times = (memory.restarts[key] ?? []).filter((t) => now - t < policy.windowMs);
  if (mayRestart(times, now, policy)) {
    memory.restarts[key] = [...times, now];
    delete memory.health[key];
    out.actions.push({ kind: 'restart', group, resource, cause, attempt: times.length + 1, max: policy.maxRestarts });
    return;
  }
  if (memory.banRequested.includes(group.name)) return;
  memory.banRequested = [...memory.banRequested, group.name];
  out.events.push(event('health.gave-up', { group: group.name, resource: resource.name, node: self, cause, max: policy.maxRestarts }));
  out.proposals.push({ kind: 'ban', group: group.name, node: self });
}

/** The agent stops: every resource that may run here is stopped, dependents first, each group in reverse. Pure. */
export function stopEverythingHere(snapshot: Snapshot): Action[] {
  const groups = startOrder(snapshot.config.groups ?? [], snapshot.config.constraints ?? []).reverse();
  return groups.flatMap((group) =>
    [...group.resources]
      .reverse()
      .filter((r) => snapshot.observed[group.name]?.[r.name] !== false)
      .map((resource): Action => ({ kind: 'stop', group, resource, why: 'agent-stopping' })),
  );
}
