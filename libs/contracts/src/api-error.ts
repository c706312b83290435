/** The shape of every error answer of the agent. */
export interface ApiErrorBody {
  statusCode: number;
  code: string;
  message: string;
  errors?: string[];
}

/** An API call that failed: the agent's code and message, or a network failure. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors: string[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Turns an openapi-fetch error body (whatever it is) into an {@link ApiError}. */
export function toApiError(status: number, body: unknown): ApiError {
  const b = (body ?? {}) as Partial<ApiErrorBody>;
  const message = typeof b.message === 'string' ? b.message : `HTTP ${status}`;
  return new ApiError(status, typeof b.code === 'string' ? b.code : `HTTP_${status}`, message, Array.isArray(b.errors) ? b.errors : []);
}

/** Returns `data` of an openapi-fetch result, or throws its error as an {@link ApiError}. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
