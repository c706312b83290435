/** sfha's fencing safety rules (docs/architecture.md, "Fence gate"). */
export interface FencePolicy {
  /** Minimum time between two fences of the same node. */
  minDelayMs: number;
  /** At most this many fences… */
  stormLimit: number;
  /** …within this window. */
  stormWindowMs: number;
}

export const DEFAULT_FENCE_POLICY: FencePolicy = { minDelayMs: 60_000, stormLimit: 3, stormWindowMs: 5 * 60_000 };

export interface FenceRequest {
  node: string;
  /** An admin's decision (the startup grace does not apply), or the leader's. */
  manual: boolean;
  quorate: boolean;
  now: number;
  /**
   * This node knows the cluster: it is in a quorate membership and has adopted (as leader) or
   * caught up with (as follower) the committed config of the present leadership. Like
   * Pacemaker, which only waits for the first election at start, this and not the agent's
   * uptime gates an automatic fence: a restarted node that rejoined may fence at once.
   */
  clusterKnown: boolean;
  /** Times of the fences already done (successful or not), with their node. */
  history: readonly { node: string; at: number }[];
}

export type FenceDecision = { ok: true } | { ok: false; rule: 'quorum' | 'min-delay' | 'storm' | 'grace'; reason: string; retryAfterMs: number | null };

/** Whether a fence may run now. Pure. */
export function decideFence(request: FenceRequest, policy: FencePolicy = DEFAULT_FENCE_POLICY): FenceDecision {
  if (!request.quorate) return { ok: false, rule: 'quorum', reason: 'this node has no quorum: a node without quorum never fences', retryAfterMs: null };
  if (!request.manual && !request.clusterKnown) {
    return { ok: false, rule: 'grace', reason: 'this node has not yet joined a quorate membership and adopted the committed config: no automatic fence yet', retryAfterMs: null };
  }
  const last = request.history.filter((h) => h.node === request.node).reduce((max, h) => Math.max(max, h.at), -Infinity);
  if (request.now - last < policy.minDelayMs) {
    const wait = policy.minDelayMs - (request.now - last);
    return { ok: false, rule: 'min-delay', reason: `${request.node} was fenced ${Math.round((request.now - last) / 1000)} s ago: wait ${Math.ceil(wait / 1000)} s`, retryAfterMs: wait };
  }
  const recent = request.history
    .filter((h) => request.now - h.at < policy.stormWindowMs)
    .map((h) => h.at)
    .sort((a, b) => a - b);
  if (recent.length >= policy.stormLimit) {
    const wait = (recent[recent.length - policy.stormLimit] ?? request.now) + policy.stormWindowMs - request.now;
    return { ok: false, rule: 'storm', reason: `${recent.length} fences in the last ${policy.stormWindowMs / 60_000} min: fencing paused (storm limit)`, retryAfterMs: wait };
  }
  return { ok: true };
}
