/** Every error the agent reports on purpose. Each maps to one HTTP status in {@link httpStatusFor}. */
export enum ErrorCode {
  ValidationFailed = 'VALIDATION_FAILED',
  Unauthenticated = 'UNAUTHENTICATED',
  InvalidCredentials = 'INVALID_CREDENTIALS',
  SetupRequired = 'SETUP_REQUIRED',
  AlreadySetUp = 'ALREADY_SET_UP',
  SetupCodeRequired = 'SETUP_CODE_REQUIRED',
  SetupCodeInvalid = 'SETUP_CODE_INVALID',
  LocalOnly = 'LOCAL_ONLY',
  TooManyAttempts = 'TOO_MANY_ATTEMPTS',
  NotFound = 'NOT_FOUND',
}

/** Exhaustive: adding a code without a status fails to compile. */
export function httpStatusFor(code: ErrorCode): number {
  switch (code) {
    case ErrorCode.ValidationFailed:
      return 400;
    case ErrorCode.Unauthenticated:
    case ErrorCode.InvalidCredentials:
      return 401;
    case ErrorCode.SetupCodeRequired:
    case ErrorCode.SetupCodeInvalid:
    case ErrorCode.LocalOnly:
      return 403;
    case ErrorCode.NotFound:
      return 404;
    case ErrorCode.SetupRequired:
    case ErrorCode.AlreadySetUp:
      return 409;
    case ErrorCode.TooManyAttempts:
      return 429;
    default: {
      const unmapped: never = code;
      throw new Error(`unmapped error code ${String(unmapped)}`);
    }
  }
}
