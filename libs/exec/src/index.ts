export { createExecutor, ExecError } from './exec';
export type { ExecErrorKind, ExecObserver, ExecOptions, ExecResult, Executor } from './exec';
export { redact, REDACTED } from './redact';
