import { json, type NextFunction, type Request, type Response } from 'express';
import type { ApiErrorBody } from '../errors/api-error-body';
import { jsonNestsDeeperThan, MAX_JSON_BODY_BYTES, MAX_JSON_BODY_LABEL, TOO_DEEP_MESSAGE } from './json-limits';

const TOO_DEEP = 'entity.too.deep';

/** Parses JSON bodies and answers a malformed, too deep or oversized one with a clear 4xx. */
export function jsonBody() {
  return [
    json({
      limit: MAX_JSON_BODY_BYTES,
      // Before JSON.parse: a body nested past the limit never reaches the validation pipe.
      verify: (_req, _res, buf) => {
        if (jsonNestsDeeperThan(buf)) throw Object.assign(new Error(TOO_DEEP_MESSAGE), { type: TOO_DEEP });
      },
    }),
    (error: unknown, _req: Request, res: Response, next: NextFunction): void => {
      const type = (error as { type?: unknown }).type;
      let body: ApiErrorBody | undefined;
      if (type === 'entity.parse.failed') {
        body = { statusCode: 400, code: 'VALIDATION_FAILED', message: `the request body is not valid JSON (${(error as Error).message})` };
      } else if (type === TOO_DEEP) {
        body = { statusCode: 400, code: 'VALIDATION_FAILED', message: TOO_DEEP_MESSAGE };
      } else if (type === 'entity.too.large') {
        body = { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: `the request body is larger than ${MAX_JSON_BODY_LABEL}` };
      } else if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
        body = { statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: (error as Error).message };
      }
      if (body) res.status(body.statusCode).json(body);
      else next(error);
    },
  ];
}
