import { json, type NextFunction, type Request, type Response } from 'express';
import type { ApiErrorBody } from '../errors/api-error-body';

const BODY_LIMIT = '256kb';

/** Parses JSON bodies and answers a malformed or oversized one with a clear 4xx. */
export function jsonBody() {
  return [
    json({ limit: BODY_LIMIT }),
    (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
      const type = (error as { type?: unknown }).type;
      let body: ApiErrorBody | undefined;
      if (type === 'entity.parse.failed') {
        body = { statusCode: 400, code: 'VALIDATION_FAILED', message: `the request body is not valid JSON (${(error as Error).message})` };
      } else if (type === 'entity.too.large') {
        body = { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than ${BODY_LIMIT}` };
      } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        body = { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: (error as Error).message };
      }
      if (body) res.status(body.statusCode).json(body);
      else next(error);
    },
  ];
}
