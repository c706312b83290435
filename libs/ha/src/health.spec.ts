import { describe, expect, it } from 'vitest';
import { healthCheckProblems, INITIAL_HEALTH, mayRestart, observeHealth } from './health';

const check = { failuresBeforeUnhealthy: 3, successesBeforeHealthy: 2 };
const run = (results: boolean[]) => results.reduce((s, ok) => observeHealth(s, ok, check), INITIAL_HEALTH);

describe('health hysteresis', () => {
  it('becomes healthy on the first success, unhealthy only after N failures in a row', () => {
    expect(run([true]).status).toBe('healthy');
    expect(run([true, false, false]).status).toBe('healthy');
    expect(run([true, false, false, false]).status).toBe('unhealthy');
    expect(run([true, false, true, false, false]).status).toBe('healthy');
  });

  it('needs M successes in a row to be healthy again', () => {
    expect(run([false, false, false, true]).status).toBe('unhealthy');
    expect(run([false, false, false, true, true]).status).toBe('healthy');
  });
});

describe('restart policy', () => {
  it('allows N restarts per window', () => {
    const policy = { maxRestarts: 2, windowMs: 60_000 };
    expect(mayRestart([], 100_000, policy)).toBe(true);
    expect(mayRestart([90_000], 100_000, policy)).toBe(true);
    expect(mayRestart([90_000, 95_000], 100_000, policy)).toBe(false);
    expect(mayRestart([30_000, 95_000], 100_000, policy)).toBe(true);
  });
});

describe('health check validation', () => {
  it('names the problems', () => {
    expect(healthCheckProblems({ kind: 'http', target: 'http://127.0.0.1:8080/', intervalMs: 1000, timeoutMs: 500, failuresBeforeUnhealthy: 3, successesBeforeHealthy: 1 })).toEqual([]);
    expect(healthCheckProblems({ kind: 'tcp', target: 'nope', intervalMs: 10, timeoutMs: 500, failuresBeforeUnhealthy: 0, successesBeforeHealthy: 1 })).toEqual([
      'health.target must be HOST:PORT',
      'health.intervalMs must be from 200 to 3600000',
      'health.failuresBeforeUnhealthy must be from 1 to 100',
    ]);
  });
});

describe('health check validation', () => {
  it('wants a command health check to be a list of non-empty strings', () => {
    const check = { kind: 'command' as const, intervalMs: 2000, timeoutMs: 1000, failuresBeforeUnhealthy: 3, successesBeforeHealthy: 1 };
    expect(healthCheckProblems({ ...check, target: ['/bin/true'] })).toEqual([]);
    expect(healthCheckProblems({ ...check, target: [1, {}, null] as unknown as string[] })).toEqual(['health.target must be a command and its arguments (non-empty strings)']);
    expect(healthCheckProblems({ ...check, target: ['/bin/true', ''] })).toHaveLength(1);
  });
});
