/**
 * What each host's agent and Corosync said last: printed when an invariant is violated, so a
 * CI run (whose lab directory is gone afterwards) says why.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostDir } from '../lab/lab-layout';

const CONTEXTS = new Set(['membership', 'leader', 'cluster', 'fencing', 'watchdog']);

/** The last `count` lines of a file, or a line saying it is missing. */
function tail(file: string, count: number, keep: (line: string) => boolean = () => true): string[] {
  if (!existsSync(file)) return [`(no ${file})`];
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.length > 0 && keep(l))
    .slice(-count);
}

const haLine = (line: string): boolean => {
  try {
    return CONTEXTS.has((JSON.parse(line) as { context?: string }).context ?? '');
  } catch {
    return false;
  }
};

export function lastWords(hosts: readonly string[], say: (line: string) => void): void {
  for (const host of hosts) {
    say(`--- ${host}: agent (membership, leader, cluster, fencing, watchdog), last 25`);
    for (const line of tail(join(hostDir(host), 'agent.log'), 25, haLine)) say(`  ${line}`);
    say(`--- ${host}: corosync, last 12`);
    for (const line of tail(join(hostDir(host), 'fs/var-log-corosync/corosync.log'), 12)) say(`  ${line}`);
  }
}
