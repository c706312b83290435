import { ExecError, type Executor } from '@sfha/exec';
import { enabledUnitProblem, parseUnitState, systemctlArgs, systemctlFailure, type SystemdFailure, type UnitState } from '../systemd-unit';

/** A systemctl call that did not do what was asked; the message says why in an admin's words. */
export class SystemdUnitError extends Error {
  constructor(
    readonly reason: SystemdFailure,
    message: string,
  ) {
    super(message);
    this.name = 'SystemdUnitError';
  }
}

/** Drives units through the host's systemd (`systemctl`). One real implementation: {@link createSystemdDriver}. */
export interface SystemdDriver {
  /** `timeoutMs`: how long systemctl may take to answer (a health check's own timeout). */
  unitState(unit: string, timeoutMs?: number): Promise<UnitState>;
  /**
   * Queues the start and returns (the unit's state says how it goes: activating, active, failed);
   * throws a {@link SystemdUnitError} when systemd refuses it, or when the unit is enabled
   * (systemd would start it at boot as well, on any host).
   */
  start(unit: string): Promise<void>;
  /** Queues the stop and returns (deactivating counts as running until it is done); a unit that does not exist is stopped. */
  stop(unit: string): Promise<void>;
}

// systemctl only queues the job (--no-block): it answers in milliseconds unless systemd itself is stuck.
const JOB_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 5_000;

export function createSystemdDriver(exec: Executor): SystemdDriver {
  // Units whose last job asked here was a stop: their next start is a restart, so a stop not yet run is not cancelled.
  const stopped = new Set<string>();
  const systemctl = async (action: 'start' | 'stop' | 'query', unit: string, args: readonly string[], timeoutMs: number) => {
    const result = await exec.run('systemctl', args, { allowFailure: true, timeoutMs }).catch((error: unknown) => {
      if (error instanceof ExecError && error.kind === 'not-found')
        throw new SystemdUnitError('no-systemd', `cannot ${action} ${unit}: systemctl is not installed on this host; use a process resource instead`);
      if (error instanceof ExecError && error.kind === 'timeout') throw new SystemdUnitError('failed', `cannot ${action} ${unit}: systemctl did not answer in ${timeoutMs / 1000} s`);
      throw error;
    });
    if (result.exitCode === 0) return result.stdout;
    const failure = systemctlFailure(action, unit, result.exitCode, result.stderr);
    throw new SystemdUnitError(failure.reason, failure.message);
  };
  return {
    async unitState(unit, timeoutMs = QUERY_TIMEOUT_MS) {
      return parseUnitState(await systemctl('query', unit, systemctlArgs.state(unit), timeoutMs));
    },
    async start(unit) {
      const enabled = enabledUnitProblem(unit, parseUnitState(await systemctl('start', unit, systemctlArgs.state(unit), QUERY_TIMEOUT_MS)));
      if (enabled) throw new SystemdUnitError('failed', `cannot start ${unit}: ${enabled}`);
      await systemctl('start', unit, stopped.has(unit) ? systemctlArgs.restart(unit) : systemctlArgs.start(unit), JOB_TIMEOUT_MS);
      stopped.delete(unit);
    },
    async stop(unit) {
      // systemctl stop exits 5 for a unit it does not know: nothing of it runs, which is what was asked.
      if ((await this.unitState(unit)).loadState === 'not-found') return;
      await systemctl('stop', unit, systemctlArgs.stop(unit), JOB_TIMEOUT_MS);
      stopped.add(unit);
    },
  };
}
