import { ExecError, type Executor } from '@sfha/exec';
import { parseUnitState, systemctlArgs, systemctlFailure, type SystemdFailure, type UnitState } from '../systemd-unit';

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
  unitState(unit: string): Promise<UnitState>;
  /** Returns once systemd has started it (for Type=simple: forked); throws a {@link SystemdUnitError} when it cannot. */
  start(unit: string): Promise<void>;
  /** Returns once it is stopped (systemd's stop timeout applies); a unit that does not exist is stopped. */
  stop(unit: string): Promise<void>;
}

// A unit's start or stop can take systemd's own timeouts (90 s by default): past this the job goes on in systemd and the engine looks again next tick.
const JOB_TIMEOUT_MS = 30_000;
const QUERY_TIMEOUT_MS = 5_000;

export function createSystemdDriver(exec: Executor): SystemdDriver {
  const systemctl = async (action: 'start' | 'stop' | 'query', unit: string, args: string[], timeoutMs: number) => {
    const result = await exec.run('systemctl', args, { allowFailure: true, timeoutMs }).catch((error: unknown) => {
      if (error instanceof ExecError && error.kind === 'not-found') throw new SystemdUnitError('no-systemd', `cannot ${action} ${unit}: systemctl is not installed on this host; use a process resource instead`);
      if (error instanceof ExecError && error.kind === 'timeout') throw new SystemdUnitError('failed', `cannot ${action} ${unit}: systemctl did not answer in ${timeoutMs / 1000} s`);
      throw error;
    });
    if (result.exitCode === 0) return result.stdout;
    const failure = systemctlFailure(action, unit, result.exitCode, result.stderr);
    throw new SystemdUnitError(failure.reason, failure.message);
  };
  return {
    async unitState(unit) {
      return parseUnitState(await systemctl('query', unit, systemctlArgs.state(unit), QUERY_TIMEOUT_MS));
    },
    async start(unit) {
      await systemctl('start', unit, systemctlArgs.start(unit), JOB_TIMEOUT_MS);
    },
    async stop(unit) {
      // systemctl stop exits 5 for a unit it does not know: nothing of it runs, which is what was asked.
      if ((await this.unitState(unit)).loadState === 'not-found') return;
      await systemctl('stop', unit, systemctlArgs.stop(unit), JOB_TIMEOUT_MS);
    },
  };
}
