export { createApiClient } from './api-client';
export type { ApiClient, ApiClientOptions, components, paths, Schemas } from './api-client';
export { ApiError, toApiError, unwrap } from './api-error';
export type { ApiErrorBody } from './api-error';
export { ERROR_CODES, ErrorCode } from './error-codes';
export * from './events';
