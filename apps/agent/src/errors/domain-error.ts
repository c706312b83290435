import { ErrorCode } from './error-code';

/** An expected failure with a code the API maps to a 4xx and a message meant for the admin. */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
