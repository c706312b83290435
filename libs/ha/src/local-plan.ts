import type { Resource, ResourceGroup } from './resources';

/** What this node saw of a resource: running, not running, or unknown (the probe failed: it may run). */
export type Observed = boolean | 'unknown';

/** One resource's step on this node; `failed`: it stopped running after this node started it (restart, or the group leaves). */
export type LocalAction = 'start' | 'stop' | 'failed' | 'check-health' | 'none';

/** One group as this node sees it. */
export interface LocalGroup {
  group: ResourceGroup;
  /** Assigned to this node. */
  mine: boolean;
  /** Nothing starts now: a dependency is not up yet (order constraint). */
  waiting: boolean;
  /** It failed here past its restart policy and leaves: nothing is touched meanwhile. */
  leaving: boolean;
  /** Names of the resources this node started (a later "not running" is a failure). */
  started: ReadonlySet<string>;
}

/**
 * What to do with one resource. Pure. Another node's group is stopped wherever it may run; this
 * node's group starts what does not run (unless it waits or leaves) and checks what runs; a
 * resource whose state is unknown is never started twice.
 */
export function localAction(g: LocalGroup, resource: Resource, observed: Observed): LocalAction {
  if (!g.mine) return observed === false ? 'none' : 'stop';
  if (g.leaving || observed === 'unknown') return 'none';
  if (observed) return 'health' in resource && resource.health ? 'check-health' : 'none';
  if (g.waiting) return 'none';
  return g.started.has(resource.name) ? 'failed' : 'start';
}

/** What runs a group's steps on this host. */
export interface LocalOps {
  /** Whether the resource runs here; throws when that cannot be known. */
  observe(resource: Resource): Promise<boolean>;
  act(action: Exclude<LocalAction, 'none'>, resource: Resource): Promise<void>;
  /** A probe or a step failed (the others go on). */
  onError(resource: Resource, step: Exclude<LocalAction, 'none'> | 'observe', error: Error): void;
}

/**
 * Runs a group's steps, resource by resource (in order when it is this node's, in reverse
 * otherwise): one failure does not stop the others. Returns what runs afterwards as observed,
 * on the safe side — a resource whose state cannot be known (a failed probe, e.g. after a failed
 * stop) counts as running, since the leader moves a group only once no node reports it running.
 */
export async function runLocalGroup(g: LocalGroup, ops: LocalOps): Promise<Record<string, boolean>> {
  const observe = (resource: Resource): Promise<Observed> =>
    // Through a promise, so that even an error thrown before one is returned stays this resource's.
    Promise.resolve(resource)
      .then((r) => ops.observe(r))
      .catch((error: Error) => {
        ops.onError(resource, 'observe', error);
        return 'unknown' as const;
      });
  const running: Record<string, boolean> = {};
  for (const resource of g.mine ? g.group.resources : [...g.group.resources].reverse()) {
    let state = await observe(resource);
    const action = localAction(g, resource, state);
    if (action !== 'none') {
      const error = await Promise.resolve(resource)
        .then((r) => ops.act(action, r))
        .then(
          () => null,
          (e: Error) => e,
        );
      if (error) ops.onError(resource, action, error);
      // What a start, stop or restart left (a health check alone changes nothing it would not report next time).
      if (error || action !== 'check-health') state = await observe(resource);
    }
    running[resource.name] = state !== false;
  }
  return running;
}
