import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, paths } from './generated/api-schema';

export type { components, paths };
/** The DTOs of the admin API, by name. */
export type Schemas = components['schemas'];
export type ApiClient = Client<paths>;

export interface ApiClientOptions {
  /** e.g. http://127.0.0.1:7780, or '' in the browser (same origin). */
  baseUrl: string;
  /** The current admin JWT, if any; sent as a bearer token. */
  getToken?: () => string | null | undefined;
  fetch?: typeof globalThis.fetch;
}

/** A typed client of the agent's admin API, generated from its OpenAPI document. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const auth: Middleware = {
    onRequest({ request }) {
      const token = options.getToken?.();
      if (token) request.headers.set('Authorization', `Bearer ${token}`);
      return request;
    },
  };
  client.use(auth);
  return client;
}
