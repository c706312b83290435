import type { Executor } from '@sfha/exec';
import { holdsAddress } from '@sfha/mesh';
import { readFileSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { networkInterfaces } from 'node:os';
import type { ProcessResource, VipResource } from '../resources';
import { unitRunning, type SystemdResource } from '../systemd-unit';
import { createSystemdDriver, SystemdUnitError } from './systemd.driver';

/** Starts, stops and checks resources on this host. One real implementation: {@link createResourceDriver}. */
export interface ResourceDriver {
  /** False when the interface does not exist; throws when the addresses cannot be read. */
  vipHeld(vip: VipResource): Promise<boolean>;
  /** Adds the address and, on the LAN, announces it with gratuitous ARP, so neighbours move to this host. */
  acquireVip(vip: VipResource): Promise<void>;
  releaseVip(vip: VipResource): Promise<void>;
  processRunning(p: ProcessResource): Promise<boolean>;
  startProcess(p: ProcessResource, env: Record<string, string>): Promise<void>;
  stopProcess(p: ProcessResource): Promise<void>;
  /** Whether systemd runs the unit (false on a host without systemd: nothing of it can run there). */
  unitRunning(s: SystemdResource): Promise<boolean>;
  /** Throws a SystemdUnitError with a clear message when systemd cannot start it. */
  startUnit(s: SystemdResource): Promise<void>;
  stopUnit(s: SystemdResource): Promise<void>;
}

export interface ResourceDriverPaths {
  /** Pid files of supervised processes. */
  runDir: string;
  /** Their output. */
  logDir: string;
}

export const DEFAULT_RESOURCE_PATHS: ResourceDriverPaths = { runDir: '/run/sfha', logDir: '/var/log/sfha' };

/** How long a supervised process has to exit after SIGTERM, then after SIGKILL (start-stop-daemon's TERM/5/KILL/2). */
export const PROCESS_STOP_TIMEOUTS = { termMs: 5_000, killMs: 2_000 };
const STOP_POLL_MS = 20;

/**
 * Whether `pid` is a live process: signal 0 reaches it (EPERM: it exists, not ours) and it is no
 * zombie (one that exited and is not reaped yet is gone for us). The lab's process checks use it too.
 */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name in parentheses, which may itself hold ") ".
    return stat.charAt(stat.lastIndexOf(')') + 2) !== 'Z';
  } catch {
    return false;
  }
}

/** Sends `signal` and waits up to `ms` for the process to be gone (a zombie counts as gone). True once it is. */
async function signalAndWait(pid: number, signal: NodeJS.Signals, ms: number): Promise<boolean> {
  try {
    process.kill(pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
    throw error;
  }
  const deadline = Date.now() + ms;
  while (pidAlive(pid)) {
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, STOP_POLL_MS));
  }
  return true;
}

export function createResourceDriver(exec: Executor, paths: ResourceDriverPaths = DEFAULT_RESOURCE_PATHS, stopTimeouts = PROCESS_STOP_TIMEOUTS): ResourceDriver {
  const pidfile = (p: ProcessResource) => `${paths.runDir}/${p.name}.pid`;
  const ip = (vip: VipResource) => vip.address.split('/')[0] ?? '';
  const systemd = createSystemdDriver(exec);
  const unlessNoSystemd =
    <T>(value: T) =>
    (error: unknown): T => {
      if (error instanceof SystemdUnitError && error.reason === 'no-systemd') return value;
      throw error;
    };
  return {
    async vipHeld(vip) {
      // Read in-process (getifaddrs, no fork: asked every second on every node). It lists every
      // address of an interface that is up and running, and leaves out the others: those are asked of `ip`.
      const interfaces = networkInterfaces();
      if (interfaces[vip.interface]) return holdsAddress(interfaces, vip.interface, ip(vip));
      const { exitCode, stdout, stderr } = await exec.run('ip', ['-j', 'address', 'show', 'dev', vip.interface], { allowFailure: true });
      // No such interface (e.g. the WireGuard one once the mesh is down): nothing is held on it.
      if (exitCode !== 0 && stderr.includes(`Device "${vip.interface}" does not exist.`)) return false;
      if (exitCode !== 0) throw new Error(`cannot read the addresses of ${vip.interface}: ${stderr.trim() || `ip exited ${exitCode}`}`);
      return (JSON.parse(stdout) as { addr_info?: { local?: string }[] }[]).some((l) => l.addr_info?.some((a) => a.local === ip(vip)));
    },
    async acquireVip(vip) {
      await exec.run('ip', ['address', 'add', vip.address, 'dev', vip.interface]);
      // A mesh VIP has no ARP: the members route it by WireGuard allowed-IPs (mesh-vip.ts).
      if (vip.network === 'mesh') return;
      // Unsolicited ARP updates the neighbours' entries. In the background: the address is
      // already up, and arping takes a second per announcement.
      void exec.run('arping', ['-U', '-c', '2', '-I', vip.interface, '-s', ip(vip), ip(vip)], { allowFailure: true, timeoutMs: 5_000 }).catch(() => undefined);
    },
    async releaseVip(vip) {
      await exec.run('ip', ['address', 'del', vip.address, 'dev', vip.interface], { allowFailure: true });
    },
    // What `start-stop-daemon --status --pidfile` says, read in-process: asked every second per
    // process, and a fork from the agent costs it about 0.6 % of a core per call a second.
    async processRunning(p) {
      const pid = Number((await readFile(pidfile(p), 'utf8').catch(() => '')).trim());
      return Number.isInteger(pid) && pid > 0 && pidAlive(pid);
    },
    async startProcess(p, env) {
      await exec.run('mkdir', ['-p', paths.runDir, paths.logDir]);
      const [command = '', ...args] = p.command;
      await exec.run('start-stop-daemon', ['--start', '--background', '--make-pidfile', '--pidfile', pidfile(p), '--output', `${paths.logDir}/${p.name}.log`, '--startas', command, '--', ...args], {
        env,
      });
    },
    // SIGTERM, then SIGKILL, the exit watched in-process every 20 ms. `start-stop-daemon --stop
    // --retry TERM/5/KILL/2` did the same but took 1.3-1.9 s to see even `sleep` exit: every
    // planned move waited for it (measured in the mesh VIP lab).
    async stopProcess(p) {
      const pid = Number((await readFile(pidfile(p), 'utf8').catch(() => '')).trim());
      if (Number.isInteger(pid) && pid > 0 && pidAlive(pid) && !(await signalAndWait(pid, 'SIGTERM', stopTimeouts.termMs)) && !(await signalAndWait(pid, 'SIGKILL', stopTimeouts.killMs))) {
        // Not even SIGKILL (stuck in the kernel): the pid file stays, so it is still seen running and the stop is tried again.
        return;
      }
      await rm(pidfile(p), { force: true });
    },
    unitRunning: (s) => systemd.unitState(s.unit).then(unitRunning, unlessNoSystemd(false)),
    startUnit: (s) => systemd.start(s.unit),
    stopUnit: (s) => systemd.stop(s.unit).catch(unlessNoSystemd(undefined)),
  };
}
