/**
 * One user of a lab at a time. A lab is machine-wide (its namespaces and ports), so the
 * lock is too: /run/sfha-lab/NAME.lock holds the owner's PID. The lab's test runners
 * (vitest's lab project, Playwright, the benches, chaos) hold it for their whole run and
 * wait for it; `lab up` and `lab down` hold it for the verb and fail at once when someone
 * else holds it. A process whose ancestor holds the lock (a spec's `lab up`) goes ahead.
 * A lock whose PID is gone is stale and taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { LAB_ID, LOCK_FILE, RUN_ROOT } from './lab-layout';
import { isAlive, sleep } from './lab-system';

export interface LockHolder {
  pid: number;
  command: string;
  since: string;
  cwd: string;
}

export function lockHolder(file = LOCK_FILE): LockHolder | null {
  try {
    const holder = JSON.parse(readFileSync(file, 'utf8')) as LockHolder;
    return Number.isInteger(holder.pid) && isAlive(holder.pid) ? holder : null;
  } catch {
    return null;
  }
}

function parentOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return 0;
  }
}

/** This process or one of its ancestors. */
function isSelfOrAncestor(pid: number): boolean {
  for (let p = process.pid; p > 1; p = parentOf(p)) if (p === pid) return true;
  return false;
}

const describe = (h: LockHolder) => `pid ${h.pid} (${h.command}) in ${h.cwd}, since ${h.since}`;

function tryTake(): boolean {
  mkdirSync(RUN_ROOT, { recursive: true });
  const holder: LockHolder = { pid: process.pid, command: (process.argv.slice(1).join(' ') || process.title).slice(0, 200), since: new Date().toISOString(), cwd: process.cwd() };
  try {
    const fd = openSync(LOCK_FILE, 'wx', 0o644);
    writeSync(fd, JSON.stringify(holder));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // A holder that died (an empty file: one being written this instant, unless it is old).
    if (lockHolder() === null) {
      const writing = readFileSync(LOCK_FILE, 'utf8') === '' && Date.now() - statSync(LOCK_FILE).mtimeMs < 2_000;
      if (!writing) rmSync(LOCK_FILE, { force: true });
    }
    return false;
  }
}

/**
 * Takes lab LAB_ID's lock for this process, released at exit. Returns at once when this
 * process or an ancestor holds it. `waitMs` 0: throws naming the holder when it is taken.
 */
export async function acquireLab(waitMs: number, log: (line: string) => void = () => undefined): Promise<void> {
  const deadline = Date.now() + waitMs;
  let told = false;
  for (;;) {
    const holder = lockHolder();
    if (holder && isSelfOrAncestor(holder.pid)) return;
    if (!holder && tryTake()) {
      process.once('exit', releaseLab);
      return;
    }
    if (holder && Date.now() >= deadline) {
      throw new Error(`lab "${LAB_ID}" is in use by ${describe(holder)}; use another lab: SFHA_LAB=<name> (see docs/lab.md)`);
    }
    if (holder && !told) {
      log(`lab "${LAB_ID}" is in use by ${describe(holder)}: waiting up to ${Math.round(waitMs / 60_000)} min`);
      told = true;
    }
    await sleep(holder ? 1_000 : 50);
  }
}

/** Drops the lock if this process holds it. */
export function releaseLab(): void {
  if (lockHolder()?.pid === process.pid) rmSync(LOCK_FILE, { force: true });
}

/** How long a test run or benchmark waits for the lab another run holds. */
const RUN_WAIT_MS = 30 * 60_000;

/** For a whole run (vitest's lab project, Playwright, a benchmark): waits for the lab, saying so. */
export const holdLabForRun = () => acquireLab(RUN_WAIT_MS, (line) => process.stderr.write(`${line}\n`));
