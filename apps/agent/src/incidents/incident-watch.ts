import type { Incident } from './group-incidents';

/** What a node knows of each incident between two looks: its id → resolved. */
export type KnownIncidents = ReadonlyMap<string, boolean>;

export interface IncidentChange {
  kind: 'opened' | 'resolved';
  incident: Incident;
}

/**
 * What the leader announces after a look at the incidents (pure). Every node keeps `known` up to
 * date, leader or not, so a node that takes over the leadership compares with what it saw as a
 * follower: an incident that opened and resolved while the old leader died (the usual failover,
 * the old leader being the lost owner) is still announced and measured once.
 *
 * A node that has just become leader also announces the incidents still open: the previous leader
 * may have died before announcing them (it often is what they are about). Receivers get the
 * incident id, so one announced twice across a change of leader is recognised.
 *
 * `known === null` is the first look after the agent started: it only learns what exists.
 *
 * `since` (the agent's start) bounds what it announces: an incident that opened before this agent
 * ran was another leader's to announce. Without it, a node that restarts (a fenced owner coming
 * back, and leading again as the lowest id) would announce past incidents again: its first look
 * may come before the other members answer, so they are missing from what it learned.
 */
export function watchIncidents(
  known: KnownIncidents | null,
  incidents: readonly Incident[],
  leader: { now: boolean; before: boolean },
  since: string | null = null,
): { known: Map<string, boolean>; changes: IncidentChange[] } {
  const next = new Map<string, boolean>();
  const changes: IncidentChange[] = [];
  const announcing = leader.now && known !== null;
  const tookOver = leader.now && !leader.before;
  // Oldest first, so an incident's opening comes before its resolution and before later incidents.
  for (const incident of [...incidents].sort((a, b) => a.openedAt.localeCompare(b.openedAt))) {
    const resolved = incident.resolvedAt !== null;
    const before = known?.get(incident.id);
    next.set(incident.id, resolved);
    if (!announcing || (since !== null && incident.openedAt < since)) continue;
    if (before === undefined || (tookOver && before === false)) changes.push({ kind: 'opened', incident });
    if (resolved && before !== true) changes.push({ kind: 'resolved', incident });
  }
  return { known: next, changes };
}
