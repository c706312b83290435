import type { ShutdownPolicy } from './cluster-config';

// What the node does with its groups when the agent stops (SIGTERM: systemctl stop, a reboot).

export interface ShutdownFacts {
  self: string;
  policy: ShutdownPolicy;
  quorate: boolean;
  /** Online members, this node included. */
  online: readonly string[];
  standby: readonly string[];
  maintenance: boolean;
  /** Groups the committed config assigns to this node. */
  assignedHere: readonly string[];
}

export type ShutdownStep =
  /** Planned handover: standby on, wait until the groups run elsewhere, then stop. */
  | { kind: 'migrate'; groups: string[] }
  /** Freeze this node (a committed config change), then stop the groups here: they stay its own until it is back. */
  | { kind: 'freeze'; groups: string[] }
  /** Stop the groups here and leave; `why` is said in the events when groups are concerned. */
  | { kind: 'stop-here'; why: 'failover-policy' | 'no-other-node' | 'no-quorum' | 'maintenance' | 'nothing-here'; groups: string[] };

/**
 * How a stopping node leaves (Proxmox's shutdown policy): `migrate` hands its groups over to
 * other members first (no fence: it owns nothing when it leaves); `freeze` stops them and
 * keeps them (nobody fences the node or starts them elsewhere; they start again when it is
 * back: placement.ts); `failover` stops them and leaves (the cluster recovers them as after a
 * failure, fence first). Pure.
 */
export function shutdownStep(facts: ShutdownFacts): ShutdownStep {
  const groups = [...facts.assignedHere].sort();
  if (groups.length === 0) return { kind: 'stop-here', why: 'nothing-here', groups };
  if (facts.maintenance) return { kind: 'stop-here', why: 'maintenance', groups };
  if (!facts.quorate) return { kind: 'stop-here', why: 'no-quorum', groups };
  if (facts.policy === 'failover') return { kind: 'stop-here', why: 'failover-policy', groups };
  if (facts.policy === 'freeze') return { kind: 'freeze', groups };
  const others = facts.online.filter((n) => n !== facts.self && !facts.standby.includes(n));
  if (others.length === 0) return { kind: 'stop-here', why: 'no-other-node', groups };
  return { kind: 'migrate', groups };
}
