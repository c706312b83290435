import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AgentConfig } from '../config/agent-config';

/** What the agent's host offers, gathered before anything starts. */
export interface HostFacts {
  /** Programs found on the PATH, among those asked. */
  found: ReadonlySet<string>;
  /** The kernel can make a WireGuard interface (module loaded or loadable). */
  kernelWireGuard: boolean;
  /** The admin listener's address is free (null: free; else the error code, EADDRINUSE…). */
  bindError: string | null;
  /** The distribution's corosync.service runs (systemd hosts only). */
  corosyncServiceActive: boolean;
}

/** A reason the agent cannot start, as one line, and its exit code. */
export interface StartupProblem {
  line: string;
  /** 3: a missing prerequisite (restarting will not help); 1: something that may pass. */
  exitCode: 1 | 3;
}

/** Programs the agent runs, by the Debian package that has them. */
export const REQUIRED_TOOLS: Readonly<Record<string, readonly string[]>> = {
  'wireguard-tools': ['wg'],
  corosync: ['corosync', 'corosync-cfgtool', 'corosync-cmapctl', 'corosync-quorumtool'],
  iproute2: ['ip'],
  nftables: ['nft'],
  'iputils-arping': ['arping'],
};

export const ALL_TOOLS = [...Object.values(REQUIRED_TOOLS).flat(), 'wireguard-go'];

/**
 * What stops the agent from starting, first problem only (one line for the journal). Pure.
 * Checked before the app is built, so a refused start leaves nothing half-started.
 */
export function startupProblem(config: Pick<AgentConfig, 'bindHost' | 'bindPort'>, facts: HostFacts): StartupProblem | null {
  const missing = Object.entries(REQUIRED_TOOLS).filter(([, tools]) => tools.some((t) => !facts.found.has(t)));
  if (missing.length > 0) {
    const tools = missing.flatMap(([, tools]) => tools.filter((t) => !facts.found.has(t)));
    return { exitCode: 3, line: `${tools.join(', ')} not found on the PATH: install ${missing.map(([p]) => p).join(' ')} (apt install ${missing.map(([p]) => p).join(' ')})` };
  }
  if (!facts.kernelWireGuard && !facts.found.has('wireguard-go')) {
    return { exitCode: 3, line: 'no WireGuard: this kernel has no WireGuard module and wireguard-go is not installed (apt install wireguard-go)' };
  }
  if (facts.corosyncServiceActive) {
    return { exitCode: 3, line: 'corosync.service is running: the sfha agent runs Corosync itself (systemctl disable --now corosync.service; the sfha package masks it)' };
  }
  if (facts.bindError !== null) {
    const where = `${config.bindHost.includes(':') ? `[${config.bindHost}]` : config.bindHost}:${config.bindPort}`;
    const why =
      facts.bindError === 'EADDRINUSE'
        ? 'is already in use (another sfha agent? ss -ltnp shows who): stop it or set SFHA_BIND in /etc/sfha/agent.env'
        : facts.bindError === 'EADDRNOTAVAIL'
          ? 'is not an address of this host: set SFHA_BIND in /etc/sfha/agent.env'
          : facts.bindError === 'EACCES'
            ? 'needs more privileges (a port below 1024 needs root or CAP_NET_BIND_SERVICE)'
            : `cannot be listened on (${facts.bindError})`;
    return { exitCode: 1, line: `the admin address ${where} ${why}` };
  }
  return null;
}

const run = (file: string, args: string[]) =>
  new Promise<number>((resolve) => {
    execFile(file, args, { timeout: 5_000 }, (error) => resolve(error ? (typeof error.code === 'number' ? error.code : 127) : 0));
  });

function bindError(host: string, port: number): Promise<string | null> {
  if (port === 0) return Promise.resolve(null);
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(null)));
  });
}

/**
 * Kernel WireGuard, probed only when wireguard-go is absent (it is the fallback): an interface
 * created and deleted at once (the kernel loads the module on demand).
 */
async function kernelWireGuard(found: ReadonlySet<string>): Promise<boolean> {
  if (existsSync('/sys/module/wireguard')) return true;
  if (found.has('wireguard-go') || !found.has('ip')) return false;
  const probe = `sfha-wg${process.pid % 100_000}`;
  if ((await run('ip', ['link', 'add', 'dev', probe, 'type', 'wireguard'])) !== 0) return false;
  await run('ip', ['link', 'del', 'dev', probe]);
  return true;
}

/** Looks at the host (PATH, kernel, systemd, the admin port). Reads only; the probe interface is removed. */
export async function gatherHostFacts(config: Pick<AgentConfig, 'bindHost' | 'bindPort'>): Promise<HostFacts> {
  const checks = await Promise.all(ALL_TOOLS.map(async (tool) => [tool, (await run('sh', ['-c', 'command -v "$1"', 'sh', tool])) === 0] as const));
  const found = new Set(checks.filter(([, ok]) => ok).map(([tool]) => tool));
  const systemd = existsSync('/run/systemd/system');
  return {
    found,
    kernelWireGuard: await kernelWireGuard(found),
    bindError: await bindError(config.bindHost, config.bindPort),
    corosyncServiceActive: systemd && (await run('systemctl', ['is-active', '--quiet', 'corosync.service'])) === 0,
  };
}
