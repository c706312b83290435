import type { ExecObserver } from '@sfha/exec';
import type { LogLevel } from '../config/agent-config';

type Entry = Parameters<ExecObserver>[0];

/** What to log for one finished command: its level, and whether its outcome changed. */
export interface CommandLogDecision {
  level: LogLevel;
  /** The previous outcome of the same command line (exit code), when this one differs from it. */
  changedFrom?: number;
}

/** Command lines remembered (oldest forgotten first): the agent's polls are a few dozen. */
const MAX_REMEMBERED = 1_000;

/**
 * Decides how loud each finished command is. The agent polls (`systemctl is-active`,
 * `corosync-quorumtool`…) every second, and a stopped resource's probe fails every time: logging each failure at info wrote 86,000 lines a day. So a failure
 * is logged at info only when the same command line's outcome changed (first run, or a new
 * exit code); repeats and successes are debug. A success after a failure is a change too (info).
 */
export class CommandOutcomeLog {
  private readonly last = new Map<string, number>();

  decide(entry: Entry): CommandLogDecision {
    const previous = this.last.get(entry.commandLine);
    this.last.delete(entry.commandLine);
    this.last.set(entry.commandLine, entry.exitCode);
    if (this.last.size > MAX_REMEMBERED) this.last.delete(this.last.keys().next().value as string);
    const changed = previous !== entry.exitCode;
    if (!changed) return { level: 'debug' };
    if (entry.kind) return { level: 'info', ...(previous === undefined ? {} : { changedFrom: previous }) };
    // A first success is debug (the usual case); a success after a failure is news.
    return previous === undefined ? { level: 'debug' } : { level: 'info', changedFrom: previous };
  }
}
