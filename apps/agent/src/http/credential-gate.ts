import type { NextFunction, Request, Response } from 'express';
import type { ApiErrorBody } from '../errors/api-error-body';

/** What the gate needs of the login throttle: counts per route (R names a route's count). */
export interface CredentialThrottle<R extends string> {
  retryAfterMs(route: R, ip: string): number;
  fail(route: R, ip: string): void;
}

/**
 * In front of the public routes that take a credential (mounted before the body parser): a
 * throttled address is refused before its body is even read, and a body refused as malformed
 * (not JSON, too deep, failing validation) counts as a failed attempt, so a guesser cannot
 * probe for free with broken requests.
 */
export function credentialGate<R extends string>(routes: Readonly<Record<string, R>>, throttle: CredentialThrottle<R>) {
  const guarded = new Map(Object.entries(routes).map(([path, route]) => [normalize(path), route]));
  return (req: Request, res: Response, next: NextFunction): void => {
    const route = req.method === 'POST' ? guarded.get(normalize(req.path)) : undefined;
    if (route === undefined) return next();
    const ip = req.socket.remoteAddress ?? 'unknown';
    const wait = throttle.retryAfterMs(route, ip);
    if (wait > 0) {
      const body: ApiErrorBody = { statusCode: 429, code: 'TOO_MANY_ATTEMPTS', message: `too many failed attempts: try again in ${Math.ceil(wait / 1000)} s` };
      res.status(429).json(body);
      return;
    }
    res.on('finish', () => {
      if (res.statusCode === 400 || res.statusCode === 413 || res.statusCode === 415) throttle.fail(route, ip);
    });
    next();
  };
}

/** Express matches routes case-insensitively and with or without a trailing slash. */
function normalize(path: string): string {
  return path.toLowerCase().replace(/\/+$/, '');
}
