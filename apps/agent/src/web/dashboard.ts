import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { JsonLogger } from '../logging/json-logger';

const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
const NOT_DASHBOARD = /^\/(api|metrics)(\/|$)/;

/**
 * Serves the built dashboard: its files, and index.html for every other GET that is not
 * an API path (client-side routes). Without a build, only the API is served.
 */
export function mountDashboard(app: NestExpressApplication, webDir: string | null, logger: JsonLogger): boolean {
  const index = webDir ? join(webDir, 'index.html') : null;
  if (!webDir || !index || !existsSync(index)) {
    logger.event('warn', 'web', `dashboard not found${webDir ? ` in ${webDir}` : ''}: serving the API only (build it with npm run build)`);
    return false;
  }
  app.useStaticAssets(webDir, {
    index: false,
    setHeaders: (res: Response) => res.setHeader('Content-Security-Policy', CSP),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || NOT_DASHBOARD.test(req.path)) return next();
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return true;
}
