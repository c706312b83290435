import { ApiError, createApiClient, unwrap } from '@sfha/contracts';
import { takeEarly } from '../early/early-requests';
import { sessionStore } from './session-store';

/**
 * The dashboard's one client of the agent's API (same origin), carrying the session token.
 * A first-screen GET takes the answer its early request already has on the way (src/early).
 */
export const api = createApiClient({
  baseUrl: '',
  getToken: sessionStore.token,
  fetch: (input: RequestInfo | URL, init?: RequestInit) => (input instanceof Request && takeEarly(input)) || fetch(input, init),
});

/** Unwraps a call; a 401 on an authenticated call ends the session (expired or revoked). */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: Awaited<typeof request>;
  try {
    result = await request;
  } catch (error) {
    throw new ApiError(0, 'NETWORK', (error as Error).message);
  }
  try {
    return unwrap(result);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401 && error.code === 'UNAUTHENTICATED' && sessionStore.token()) sessionStore.end('expired');
    throw error;
  }
}
