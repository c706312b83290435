import { createExecutor } from '@sfha/exec';
import { describe, expect, it } from 'vitest';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { CommandOutcomeLog } from './command-outcome-log';

const status = (exitCode: number) => ({ commandLine: 'start-stop-daemon --status --pidfile /run/sfha/web.pid', exitCode, durationMs: 3, ...(exitCode === 0 ? {} : { kind: 'failed' as const }) });

describe('command outcome log (one line per change of state, not per poll)', () => {
  it('logs a failing probe once at info, then at debug while it keeps failing the same way', () => {
    const log = new CommandOutcomeLog();
    const levels = Array.from({ length: 60 }, () => log.decide(status(3)).level);
    expect(levels[0]).toBe('info');
    expect(levels.slice(1).every((l) => l === 'debug')).toBe(true);
  });

  it('logs each change of outcome at info, with the previous exit code', () => {
    const log = new CommandOutcomeLog();
    expect(log.decide(status(0))).toEqual({ level: 'debug' });
    expect(log.decide(status(0))).toEqual({ level: 'debug' });
    expect(log.decide(status(3))).toEqual({ level: 'info', changedFrom: 0 });
    expect(log.decide(status(3))).toEqual({ level: 'debug' });
    expect(log.decide(status(1))).toEqual({ level: 'info', changedFrom: 3 });
    expect(log.decide(status(0))).toEqual({ level: 'info', changedFrom: 1 });
  });

  it('tracks each command line on its own', () => {
    const log = new CommandOutcomeLog();
    expect(log.decide(status(3)).level).toBe('info');
    expect(log.decide({ ...status(3), commandLine: 'systemctl is-active web.service' }).level).toBe('info');
    expect(log.decide(status(3)).level).toBe('debug');
  });

  it('through a real executor and the JSON logger: a minute of failing polls is one info line', async () => {
    const lines: string[] = [];
    const logger = new JsonLogger('info', new SecretRegistry(), (l) => lines.push(l));
    const outcomes = new CommandOutcomeLog();
    const exec = createExecutor({ observe: (e) => logger.event(outcomes.decide(e).level, 'exec', e.commandLine, { exitCode: e.exitCode }) });
    // The same command line each time; its outcome comes from the environment.
    const probe = (code: number) => exec.run('sh', ['-c', 'exit $CODE'], { allowFailure: true, env: { CODE: String(code) } });
    for (let i = 0; i < 60; i++) await probe(3);
    for (let i = 0; i < 5; i++) await probe(0);
    await probe(3);
    const parsed = lines.map((l) => JSON.parse(l) as { msg: string; exitCode: number });
    expect(parsed.map((p) => [p.msg, p.exitCode])).toEqual([
      ["sh -c 'exit $CODE'", 3],
      ["sh -c 'exit $CODE'", 0],
      ["sh -c 'exit $CODE'", 3],
    ]);
  }, 30_000); // real processes: seconds on a loaded machine
});
