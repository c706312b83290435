import { createExecutor, type Executor } from '@sfha/exec';
import { JsonLogger } from '../logging/json-logger';
import { SecretRegistry } from '../logging/secret-registry';

/** Injection token of the agent's one {@link Executor}: drivers run commands through it only. */
export const EXECUTOR = Symbol('EXECUTOR');

export const executorProvider = {
  provide: EXECUTOR,
  inject: [JsonLogger, SecretRegistry],
  useFactory: (logger: JsonLogger, secrets: SecretRegistry): Executor =>
    createExecutor({
      // Every command, with secrets masked; failures at info so the admin sees them.
      observe: (e) => logger.event(e.kind ? 'info' : 'debug', 'exec', e.commandLine, { exitCode: e.exitCode, ms: e.durationMs, ...(e.kind ? { failure: e.kind } : {}) }),
      secrets: () => secrets.values(),
    }),
};
