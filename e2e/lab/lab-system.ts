import { createExecutor, type ExecOptions } from '@sfha/exec';
import { pidAlive } from '@sfha/ha';
import { readFileSync } from 'node:fs';
import { hostNetnsPath, mountHandle } from './lab-layout';

const executor = createExecutor();

/** Runs a machine command; throws a clear error when it fails. */
export const sh = (file: string, args: readonly string[], options?: ExecOptions) => executor.run(file, args, options);

/** Runs a command inside a host (its network and mount namespaces). */
export const inHost = (host: string, command: readonly string[], options?: ExecOptions) =>
  executor.run('nsenter', [`--net=${hostNetnsPath(host)}`, `--mount=${mountHandle(host)}`, '--', ...command], options);

export async function listNetns(): Promise<string[]> {
  const { stdout } = await sh('ip', ['netns', 'list']);
  return stdout
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter(Boolean);
}

export async function netnsPids(ns: string): Promise<number[]> {
  const { stdout } = await sh('ip', ['netns', 'pids', ns], { allowFailure: true });
  return stdout
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .filter((pid) => pid !== process.pid);
}

/** The process exists and is not a zombie (the agent's own check, `pidAlive`). */
export const isAlive = pidAlive;

/** SIGKILLs the given processes and waits until they are gone. */
export async function killAll(pids: readonly number[], timeoutMs = 5_000): Promise<void> {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isAlive)) {
    if (Date.now() > deadline) throw new Error(`processes still alive after SIGKILL: ${pids.filter(isAlive).join(' ')}`);
    await sleep(50);
  }
}

/** Mount points at or below `dir`, deepest first. */
export function mountsUnder(dir: string): string[] {
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4] ?? '')
    .filter((point) => point === dir || point.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(200);
  }
}
