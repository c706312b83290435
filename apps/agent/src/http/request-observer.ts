import type { NextFunction, Request, Response } from 'express';
import type { JsonLogger } from '../logging/json-logger';
import type { MetricsService } from '../metrics/metrics.service';

/** Logs each request (path only: query strings may carry tokens) and feeds the metrics. */
export function requestObserver(logger: JsonLogger, metrics: MetricsService) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = (req.route as { path?: string } | undefined)?.path;
      const routeLabel = route ? `${req.baseUrl}${route}` : res.statusCode === 404 ? 'unmatched' : 'static';
      metrics.observeRequest(req.method, routeLabel, res.statusCode, seconds);
      const level = res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'info' : 'debug';
      logger.event(level, 'http', `${req.method} ${req.path} ${res.statusCode}`, {
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(seconds * 1000),
        ip: req.socket.remoteAddress,
      });
    });
    next();
  };
}

/** Headers every answer carries; the dashboard's CSP is added where it is served. */
export function securityHeaders(_req: Request, res: Response, next: NextFunction): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'no-referrer');
  next();
}
