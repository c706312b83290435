import type { LoggerService } from '@nestjs/common';
import { redact } from '@sfha/exec';
import type { LogLevel } from '../config/agent-config';
import type { SecretRegistry } from './secret-registry';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };
/** Fields whose value is never written, whatever it is. */
const SECRET_FIELD = /pass(word)?|secret|token|private|credential|authorization|setupcode/i;

/** Nest's own boot chatter (one line per module and route): debug, not info. */
const NEST_BOOT_CONTEXTS = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export type LogFields = Record<string, unknown>;

/**
 * Writes one JSON object per line to stdout: `{time, level, context, msg, ...fields}`.
 * Known secrets are masked in every string, and secret-named fields are dropped.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel,
    private readonly secrets: SecretRegistry,
    private readonly write: (line: string) => void = (line) => process.stdout.write(line),
  ) {}

  log(message: unknown, context?: string): void {
    this.emit(context && NEST_BOOT_CONTEXTS.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, traceOrContext?: string, context?: string): void {
    // Nest calls error(message, stack, context) or error(message, context).
    const ctx = context ?? (traceOrContext && !traceOrContext.includes('\n') ? traceOrContext : undefined);
    const stack = context ? traceOrContext : traceOrContext?.includes('\n') ? traceOrContext : undefined;
    this.emit('error', message, ctx, stack ? { stack } : undefined);
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  /** Structured entry with fields, for the agent's own code. */
  event(level: LogLevel, context: string, msg: string, fields: LogFields = {}): void {
    this.emit(level, msg, context, fields);
  }

  private emit(level: LogLevel, message: unknown, context?: string, fields?: LogFields): void {
    if (RANK[level] > RANK[this.level]) return;
    const msg = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    const entry: LogFields = { time: new Date().toISOString(), level, context: context ?? 'agent', msg };
    for (const [key, value] of Object.entries(fields ?? {})) {
      if (!SECRET_FIELD.test(key)) entry[key] = value;
    }
    this.write(`${redact(JSON.stringify(entry), this.secrets.values())}\n`);
  }
}
