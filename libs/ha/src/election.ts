/** What the election needs to know of a member. */
export interface ElectionCandidate {
  /** Corosync node id: unique, stable. */
  nodeId: number;
  online: boolean;
  standby: boolean;
}

/**
 * The leader: the lowest node id among the online, non-standby members of a quorate
 * partition (DESIGN.md §3). Without quorum, or without any eligible member, no leader.
 */
export function electLeader(members: readonly ElectionCandidate[], quorate: boolean): number | null {
  if (!quorate) return null;
  const eligible = members.filter((m) => m.online && !m.standby).map((m) => m.nodeId);
  return eligible.length > 0 ? Math.min(...eligible) : null;
}
