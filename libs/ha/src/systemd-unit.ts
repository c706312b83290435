/**
 * systemd units as resources and health checks (docs/design.md §3): unit name syntax, the
 * `systemctl` command lines, and reading a unit's state. Pure; the driver runs the commands.
 */
import type { HealthCheck } from './health';

/** A unit that systemd runs; sfha only starts, stops and watches it (the unit file is the admin's). */
export interface SystemdResource {
  kind: 'systemd';
  name: string;
  /** Full unit name, e.g. nginx.service or app@blue.service. */
  unit: string;
  /** Probed on the node that runs it; unhealthy counts as a failure. */
  health?: HealthCheck;
}

/** The unit types that `systemctl start` can make run. */
const STARTABLE = ['service', 'socket', 'target', 'mount', 'automount', 'swap', 'timer', 'path'];
// systemd.unit(5): letters, digits, ":-_.\" in the prefix, an optional @instance; never a leading
// "-" (it would read as an option) nor ".".
const UNIT = new RegExp(String.raw`^(?![-.])[A-Za-z0-9:_.\\-]+(?:@[A-Za-z0-9:_.\\-]+)?\.(${STARTABLE.join('|')})$`);

/** Why `unit` is not a unit sfha can start, or null. */
export function unitNameProblem(unit: unknown): string | null {
  if (typeof unit !== 'string' || unit.length === 0) return 'unit must be a systemd unit name, e.g. nginx.service';
  if (unit.length > 255) return 'unit must be at most 255 characters';
  if (/@\.[a-z]+$/.test(unit)) return `unit ${unit} is a template: name an instance, e.g. ${unit.replace('@.', '@main.')}`;
  if (!UNIT.test(unit)) return `unit ${unit} is not a unit name: letters, digits, ":_.-\\", an optional @instance, and a type suffix (${STARTABLE.map((t) => `.${t}`).join(', ')})`;
  return null;
}

export const UNIT_STATE_PROPERTIES = ['LoadState', 'ActiveState', 'SubState', 'Result', 'UnitFileState', 'Job'] as const;

/**
 * The `systemctl` arguments for one action on a unit ("--" so a unit can never be read as an option).
 * Jobs are queued (--no-block): a unit's start or stop can take minutes; the engine observes it on later ticks.
 */
export const systemctlArgs = {
  state: (unit: string) => ['show', `--property=${UNIT_STATE_PROPERTIES.join(',')}`, '--', unit],
  start: (unit: string) => ['start', '--no-block', '--', unit],
  /** A start right after a stop: one job, so the stop is not cancelled before it ran. */
  restart: (unit: string) => ['restart', '--no-block', '--', unit],
  stop: (unit: string) => ['stop', '--no-block', '--', unit],
};

/** What `systemctl show` says of a unit. */
export interface UnitState {
  /** loaded, not-found, masked, error… */
  loadState: string;
  /** active, reloading, inactive, failed, activating, deactivating. */
  activeState: string;
  /** running, exited, dead, auto-restart… */
  subState: string;
  /** success, exit-code, signal, timeout, core-dump, start-limit-hit… */
  result: string;
  /** enabled, enabled-runtime, disabled, static… (systemd starts an enabled unit at boot). */
  unitFileState: string;
  /** A start or stop job systemd has queued or is running for the unit. */
  jobPending: boolean;
}

/** Parses `systemctl show --property=…` output (KEY=value lines, in systemd's order). */
export function parseUnitState(stdout: string): UnitState {
  const values = new Map(
    stdout
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)] as const),
  );
  const job = values.get('Job') ?? '';
  return {
    loadState: values.get('LoadState') ?? '',
    activeState: values.get('ActiveState') ?? '',
    subState: values.get('SubState') ?? '',
    result: values.get('Result') ?? '',
    unitFileState: values.get('UnitFileState') ?? '',
    // systemctl shows Job=<id> only while a job exists.
    jobPending: job !== '' && job !== '0',
  };
}

/**
 * Whether the unit may have processes running: anything but inactive or failed. A unit
 * systemd is restarting (activating/auto-restart) counts, so a handover never starts it twice;
 * so does one with a job queued (a start sfha asked for that systemd has not begun yet).
 */
export const unitRunning = (state: UnitState) => state.jobPending || ['active', 'reloading', 'activating', 'deactivating', 'refreshing'].includes(state.activeState);

/** Unit file states with which systemd starts the unit at boot, by itself. */
const STARTED_AT_BOOT = ['enabled', 'enabled-runtime'];

/**
 * Why sfha must not start `unit`: enabled, systemd would start it at every boot on this host,
 * before sfha knows where it runs (two hosts running it). Null when sfha may. Pure.
 */
export function enabledUnitProblem(unit: string, state: UnitState): string | null {
  if (!STARTED_AT_BOOT.includes(state.unitFileState)) return null;
  return `${unit} is ${state.unitFileState} in systemd on this host, so it would also start at boot: disable it (systemctl disable${state.unitFileState === 'enabled-runtime' ? ' --runtime' : ''} ${unit}); sfha must be the only one starting it`;
}

/** The systemd health check's verdict: healthy only when active; the detail says what systemd says. */
export function unitHealth(unit: string, state: UnitState): { ok: boolean; detail: string } {
  if (state.loadState === 'not-found') return { ok: false, detail: `${unit} not found` };
  if (state.loadState === 'masked') return { ok: false, detail: `${unit} is masked` };
  const ok = state.activeState === 'active' || state.activeState === 'reloading';
  if (state.activeState === 'failed') return { ok, detail: `failed (${state.result || 'unknown result'})` };
  return { ok, detail: `${state.activeState || 'unknown'} (${state.subState || 'unknown'})` };
}

/** Why a systemctl call failed: no systemd on this host (nothing of a unit can run), or anything else. */
export type SystemdFailure = 'no-systemd' | 'failed';

/** A clear message for a `systemctl` call that failed: no systemd on the host, no such unit, or systemd's own words. */
export function systemctlFailure(action: 'start' | 'stop' | 'query', unit: string, exitCode: number, stderr: string): { reason: SystemdFailure; message: string } {
  const said = stderr.trim().split('\n').filter(Boolean);
  const failed = (message: string) => ({ reason: 'failed' as const, message: `cannot ${action} ${unit}: ${message}` });
  // sd_booted() is false: no systemd manages this host, so no unit of it runs here.
  if (said.some((l) => /not been booted with systemd/i.test(l)))
    return { reason: 'no-systemd', message: `cannot ${action} ${unit}: systemd is not running on this host (systemctl: ${said[0] ?? ''}); use a process resource instead` };
  const bus = said.find((l) => /Failed to connect to bus/i.test(l));
  if (bus) return failed(`systemctl could not reach systemd (${bus})`);
  if (said.some((l) => /not found|not loaded/i.test(l))) return failed('no such unit on this host (install its unit file first)');
  return failed(`systemctl exited ${exitCode}${said.length ? `: ${said[0]}` : ''}`);
}
