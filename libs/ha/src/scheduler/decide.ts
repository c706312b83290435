import { lead } from './leader';
import { runHere } from './local';
import type { Decision, Memory, MembershipView, Snapshot, StopReason } from './snapshot';

/** Who left since the last pass, and when. */
function trackDepartures(view: MembershipView, memory: Memory, now: number): void {
  const online = view.nodes.filter((n) => n.online).map((n) => n.name);
  for (const name of memory.wasOnline) if (!online.includes(name)) memory.leftAt[name] = now;
  memory.wasOnline = online;
}

/**
 * The HA scheduler (docs/architecture.md, "Scheduler"). Pure: the snapshot and the memory in,
 * what to do and the new memory out; the agent's engine gathers the one and carries out the other.
 * Without quorum, or with a config not known to be current (just rejoined), this node runs
 * nothing. In maintenance it touches nothing. Otherwise the leader fences departed owners and
 * places the groups, and every node runs exactly the groups assigned to it.
 * When a pass needs data it was not given (reports, the fence history), `wants` says which:
 * gather them and decide again from the same memory.
 */
export function decide(snapshot: Snapshot, memory: Memory, now: number): Decision {
  const next: Memory = structuredClone(memory);
  const decision: Decision = { actions: [], proposals: [], fences: [], events: [], memory: next, wants: { reports: [], fenceHistory: false } };
  const view = snapshot.membership;
  if (!view) return decision;
  trackDepartures(view, next, now);
  const config = snapshot.config;
  let assignments: Readonly<Record<string, string | null>> = {};
  let why: StopReason = 'not-assigned';
  if (!view.quorate) why = 'no-quorum';
  else if (!snapshot.configCurrent) why = 'config-not-current';
  else if (config.maintenance) {
    // The admin manages everything by hand meanwhile; afterwards a stopped resource is started, not counted as a failure.
    next.started = [];
    next.health = {};
    return decision;
  } else {
    assignments = config.assignments ?? {};
    if (view.leader === snapshot.self) {
      const leader = lead(snapshot, next, now);
      Object.assign(next, leader.memory);
      decision.proposals.push(...leader.proposals);
      decision.fences.push(...leader.fences);
      decision.events.push(...leader.events);
      decision.wants = leader.wants;
    }
  }
  // A witness runs nothing, even if a leader that does not know its role (an older agent) assigned it a group.
  const witnessHere = view.nodes.some((n) => n.name === snapshot.self && n.witness);
  const local = runHere(snapshot, next, now, witnessHere ? {} : assignments, why);
  decision.actions = local.actions;
  decision.proposals.push(...local.proposals);
  decision.events.push(...local.events);
  decision.wants = { reports: [...new Set([...decision.wants.reports, ...local.wants.reports])], fenceHistory: decision.wants.fenceHistory };
  return decision;
}
