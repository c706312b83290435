/** What the election needs to know of a member. */
export interface ElectionCandidate {
  /** Corosync node id: unique, stable. */
  nodeId: number;
  online: boolean;
  standby: boolean;
  /** A witness (witness.ts) leads only when no full member can. */
  witness?: boolean;
}

/**
 * The leader: the lowest node id among the online, non-standby full members of a quorate
 * partition (docs/design.md §3); a witness only when no full member is eligible (so the
 * cluster can still commit an admin's change, e.g. unstandby, with its last full member in
 * standby). Without quorum, or without any eligible member, no leader.
 */
export function electLeader(members: readonly ElectionCandidate[], quorate: boolean): number | null {
  if (!quorate) return null;
  const eligible = members.filter((m) => m.online && !m.standby);
  const full = eligible.filter((m) => !m.witness);
  const ids = (full.length > 0 ? full : eligible).map((m) => m.nodeId);
  return ids.length > 0 ? Math.min(...ids) : null;
}
