import { unitNameProblem } from './systemd-unit';

/** A health check of a resource (docs/design.md §3): http, tcp, systemd (the unit is active), or a command. */
export interface HealthCheck {
  kind: 'http' | 'tcp' | 'systemd' | 'command';
  /** http: a URL; tcp: host:port; systemd: a unit name; command: the program and its arguments. */
  target: string | string[];
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive failures before the resource is unhealthy. */
  failuresBeforeUnhealthy: number;
  /** Consecutive successes before it is healthy again. */
  successesBeforeHealthy: number;
}

export type HealthStatus = 'unknown' | 'healthy' | 'unhealthy';

export interface HealthState {
  status: HealthStatus;
  consecutiveFailures: number;
  consecutiveSuccesses: number;
}

export const INITIAL_HEALTH: HealthState = { status: 'unknown', consecutiveFailures: 0, consecutiveSuccesses: 0 };

/** One probe result through the hysteresis. Pure. */
export function observeHealth(state: HealthState, ok: boolean, check: Pick<HealthCheck, 'failuresBeforeUnhealthy' | 'successesBeforeHealthy'>): HealthState {
  const consecutiveFailures = ok ? 0 : state.consecutiveFailures + 1;
  const consecutiveSuccesses = ok ? state.consecutiveSuccesses + 1 : 0;
  let status = state.status;
  if (!ok && consecutiveFailures >= check.failuresBeforeUnhealthy) status = 'unhealthy';
  // Healthy at once unless it was unhealthy: then it must prove itself M times in a row.
  if (ok && (status !== 'unhealthy' || consecutiveSuccesses >= check.successesBeforeHealthy)) status = 'healthy';
  return { status, consecutiveFailures, consecutiveSuccesses };
}

/** Restart locally up to `maxRestarts` times in `windowMs`; past that, the group leaves this node. */
export interface RestartPolicy {
  maxRestarts: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = { maxRestarts: 3, windowMs: 5 * 60_000 };

/** Whether one more local restart is allowed, given the previous restart times. Pure. */
export function mayRestart(restarts: readonly number[], now: number, policy: RestartPolicy): boolean {
  return restarts.filter((t) => now - t < policy.windowMs).length < policy.maxRestarts;
}

export function healthCheckProblems(check: HealthCheck): string[] {
  const problems: string[] = [];
  if (!['http', 'tcp', 'systemd', 'command'].includes(check.kind)) problems.push('health.kind must be http, tcp, systemd or command');
  if (check.kind === 'http' && (typeof check.target !== 'string' || !/^https?:\/\/\S+$/.test(check.target))) problems.push('health.target must be an http(s) URL');
  if (check.kind === 'tcp' && (typeof check.target !== 'string' || !/^[\w.-]+:\d{1,5}$/.test(check.target))) problems.push('health.target must be HOST:PORT');
  if (check.kind === 'systemd' && unitNameProblem(check.target)) problems.push(`health.target: ${unitNameProblem(check.target) ?? ''}`);
  if (check.kind === 'command' && (!Array.isArray(check.target) || check.target.length === 0 || !check.target.every((a) => typeof a === 'string' && a !== '')))
    problems.push('health.target must be a command and its arguments (non-empty strings)');
  const range = (key: keyof HealthCheck, min: number, max: number) => {
    const v = check[key];
    if (!Number.isInteger(v) || (v as number) < min || (v as number) > max) problems.push(`health.${key} must be from ${min} to ${max}`);
  };
  range('intervalMs', 200, 3_600_000);
  range('timeoutMs', 50, 600_000);
  range('failuresBeforeUnhealthy', 1, 100);
  range('successesBeforeHealthy', 1, 100);
  return problems;
}
