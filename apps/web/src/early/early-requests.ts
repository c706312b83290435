/**
 * The first screen's requests, started by a tiny script of their own before the browser has
 * parsed the dashboard's main script (half a second on a busy 2-core node). The API client
 * takes each answer once, while it is fresh, instead of asking again (`takeEarly`); past that
 * it asks as usual. Imports nothing: it must stay a few hundred bytes.
 */

/** Where the tab keeps its session (session-store.ts reads and writes it). */
export const SESSION_KEY = 'sfha.session';

/** What every signed-in first screen waits for: who is signed in, this node, the membership. */
const EARLY_PATHS = ['/api/v1/auth/state', '/api/v1/status', '/api/v1/cluster/status'];
/** An early answer older than this is not used: the client asks again. */
const FRESH_MS = 5_000;

interface EarlyRequest {
  startedAt: number;
  /** The Authorization header it was sent with (null: none). */
  authorization: string | null;
  response: Promise<Response>;
}

type EarlyWindow = Window & { sfhaEarly?: Map<string, EarlyRequest> };

function sessionToken(storage: Storage): string | null {
  try {
    const session = JSON.parse(storage.getItem(SESSION_KEY) ?? 'null') as { token?: string; expiresAt?: string } | null;
    return session?.token && session.expiresAt && new Date(session.expiresAt).getTime() > Date.now() ? session.token : null;
  } catch {
    return null;
  }
}

/** Starts the first screen's requests (only for a signed-in tab: a signed-out one asks for the state alone). */
export function startEarlyRequests(win: EarlyWindow = window): void {
  const token = sessionToken(win.sessionStorage);
  const paths = token ? EARLY_PATHS : EARLY_PATHS.slice(0, 1);
  const authorization = token ? `Bearer ${token}` : null;
  const headers: Record<string, string> = authorization ? { Authorization: authorization } : {};
  win.sfhaEarly = new Map(paths.map((path) => [path, { startedAt: Date.now(), authorization, response: win.fetch(path, { headers }) }]));
}

/** The early answer to this GET, once, while fresh and asked with the same session; undefined otherwise. */
export function takeEarly(request: Request, win: EarlyWindow = window): Promise<Response> | undefined {
  if (request.method !== 'GET' || !win.sfhaEarly) return undefined;
  const url = new URL(request.url, win.location.href);
  if (url.search !== '' || url.origin !== win.location.origin) return undefined;
  const early = win.sfhaEarly.get(url.pathname);
  if (!early) return undefined;
  win.sfhaEarly.delete(url.pathname);
  // Asked with another session (signed in or out since) or too late: ask again.
  if (request.headers.get('Authorization') !== early.authorization || Date.now() - early.startedAt > FRESH_MS) return undefined;
  return early.response;
}
