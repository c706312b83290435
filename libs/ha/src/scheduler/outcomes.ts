import { DEFAULT_RESTART_POLICY } from '../health';
import { event } from './events';
import { resourceKey, type Action, type FenceOrder, type LocalResourceState, type Memory, type NodeReport, type SchedulerEvent } from './snapshot';

const STEP: Record<Action['kind'], 'start' | 'stop' | 'failed' | 'check-health'> = { start: 'start', stop: 'stop', restart: 'failed', probe: 'check-health' };

/** The event an executed action leaves in the timeline (a probe that ran says nothing: its result does, next pass). */
export function actionOutcome(action: Action, error: Error | null, self: string): SchedulerEvent | null {
  const about = { group: action.group.name, resource: action.resource.name, node: self };
  if (action.kind === 'restart') return event('health.restarted', { ...about, cause: action.cause, restartError: error?.message ?? null, attempt: action.attempt, max: action.max });
  if (error) return event('resource.action-failed', { ...about, step: STEP[action.kind], error: error.message });
  if (action.kind === 'start') return event('resource.started', about);
  if (action.kind === 'stop') return event('resource.stopped', { ...about, reason: action.why });
  return null;
}

/** The event a leader's fence leaves (its own record, with the duration, is written by the fencing service). */
export function fenceOutcome(order: FenceOrder, error: Error | null): SchedulerEvent {
  return error ? event('fence.departed-not-fenced', { node: order.node, error: error.message }) : event('fence.departed-fenced', { node: order.node });
}

/** What this node tells the others: what runs here, health and restarts by resource. Pure. */
export function localReport(running: LocalResourceState, memory: Memory, now: number): NodeReport {
  const health: NodeReport['health'] = {};
  for (const [group, resources] of Object.entries(running)) {
    health[group] = {};
    for (const name of Object.keys(resources)) {
      const key = resourceKey(group, name);
      const h = memory.health[key];
      health[group][name] = {
        status: h ? h.state.status : 'not-checked',
        detail: h?.detail ?? '',
        restarts: (memory.restarts[key] ?? []).filter((t) => now - t < DEFAULT_RESTART_POLICY.windowMs).length,
      };
    }
  }
  return { running, health };
}

/** A ban that could not be proposed: the group may restart here again. */
export function forgetBanRequest(memory: Memory, group: string): Memory {
  return { ...memory, banRequested: memory.banRequested.filter((g) => g !== group) };
}
