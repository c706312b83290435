import { execFile } from 'node:child_process';
import { redact } from './redact';

/** What a caller can ask of one command run. */
export interface ExecOptions {
  /** Kill the command (SIGKILL) after this many milliseconds. Default 10 000. */
  timeoutMs?: number;
  /** Values to mask in the logged command line and in error messages (keys, passwords). */
  secrets?: readonly string[];
  /** Written to the command's standard input; never logged. */
  input?: string;
  /** Extra environment variables, merged over the agent's own. */
  env?: Readonly<Record<string, string>>;
  /** Resolve with the result instead of throwing when the exit code is not 0. */
  allowFailure?: boolean;
}

export interface ExecResult {
  /** The command line as it may be logged: secrets masked. */
  commandLine: string;
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export type ExecErrorKind = 'not-found' | 'timeout' | 'failed';

/** A command that could not run, ran too long, or exited non-zero. Its message is redacted. */
export class ExecError extends Error {
  constructor(
    readonly kind: ExecErrorKind,
    message: string,
    readonly result: ExecResult,
  ) {
    super(message);
    this.name = 'ExecError';
  }
}

/** Receives one entry per finished command; the entry holds no secret. */
export type ExecObserver = (entry: { commandLine: string; exitCode: number; durationMs: number; kind?: ExecErrorKind }) => void;

/** Runs external commands. Drivers take one of these, never `child_process`. */
export interface Executor {
  run(file: string, args: readonly string[], options?: ExecOptions): Promise<ExecResult>;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const MAX_BUFFER_BYTES = 16 * 1024 * 1024;

function quote(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/**
 * The one way sfha runs a program: `execFile` with an argument array (no shell, so no
 * quoting or injection), a timeout that kills, and secrets masked in everything it reports.
 */
export function createExecutor(options: { observe?: ExecObserver; secrets?: () => Iterable<string> } = {}): Executor {
  return {
    run(file, args, runOptions = {}) {
      const secrets = [...(options.secrets?.() ?? []), ...(runOptions.secrets ?? [])];
      const commandLine = redact([file, ...args].map(quote).join(' '), secrets);
      const timeout = runOptions.timeoutMs ?? DEFAULT_TIMEOUT_MS;
      const started = performance.now();
      return new Promise<ExecResult>((resolve, reject) => {
        const child = execFile(
          file,
          [...args],
          {
            timeout,
            killSignal: 'SIGKILL',
            maxBuffer: MAX_BUFFER_BYTES,
            encoding: 'utf8',
            env: runOptions.env ? { ...process.env, ...runOptions.env } : process.env,
          },
          (error, stdout, stderr) => {
            const durationMs = Math.round(performance.now() - started);
            const result: ExecResult = {
              commandLine,
              exitCode: 0,
              stdout,
              stderr,
              durationMs,
            };
            if (!error) {
              options.observe?.({ commandLine, exitCode: 0, durationMs });
              resolve(result);
              return;
            }
            const errno = (error as NodeJS.ErrnoException).code;
            let kind: ExecErrorKind;
            let message: string;
            if (errno === 'ENOENT') {
              kind = 'not-found';
              result.exitCode = 127;
              message = `${file}: command not found (is it installed and on the PATH?)`;
            } else if (error.killed && error.signal === 'SIGKILL') {
              kind = 'timeout';
              result.exitCode = 137;
              message = `${commandLine}: timed out after ${timeout} ms`;
            } else {
              kind = 'failed';
              result.exitCode = typeof error.code === 'number' ? error.code : 1;
              const detail = redact(stderr.trim() || stdout.trim(), secrets)
                .split('\n')
                .slice(-5)
                .join(' | ');
              message = `${commandLine}: exit code ${result.exitCode}${detail ? `: ${detail}` : ''}`;
            }
            result.stderr = redact(stderr, secrets);
            options.observe?.({ commandLine, exitCode: result.exitCode, durationMs, kind });
            if (kind === 'failed' && runOptions.allowFailure) {
              resolve(result);
              return;
            }
            reject(new ExecError(kind, message, result));
          },
        );
        if (runOptions.input !== undefined) child.stdin?.end(runOptions.input);
        else child.stdin?.end();
      });
    },
  };
}
