import { createExecutor, type Executor } from '@sfha/exec';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';
import { CommandOutcomeLog } from './command-outcome-log';

/** Injection token of the agent's one {@link Executor}: drivers run commands through it only. */
export const EXECUTOR = Symbol('EXECUTOR');

export const executorProvider = {
  provide: EXECUTOR,
  inject: [JsonLogger, SecretRegistry],
  useFactory: (logger: JsonLogger, secrets: SecretRegistry): Executor => {
    const outcomes = new CommandOutcomeLog();
    return createExecutor({
      // Every command at debug, secrets masked; at info only when its outcome changes (not per poll).
      observe: (e) => {
        const { level, changedFrom } = outcomes.decide(e);
        logger.event(level, 'exec', e.commandLine, {
          exitCode: e.exitCode,
          ms: e.durationMs,
          ...(e.kind ? { failure: e.kind } : {}),
          ...(changedFrom === undefined ? {} : { previousExitCode: changedFrom }),
        });
      },
      secrets: () => secrets.values(),
    });
  },
};
