import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { MeshDriverError } from '@sfha/mesh';
import type { Response } from 'express';
import type { JsonLogger } from '../logging/json-logger';
import type { ApiErrorBody } from './api-error-body';
import { DomainError } from './domain-error';
import { httpStatusFor } from './error-code';

const CODE_BY_STATUS: Record<number, ApiErrorBody['code']> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'TOO_MANY_ATTEMPTS',
};

function messagesOf(response: string | object): string[] {
  if (typeof response === 'string') return [response];
  const message = (response as { message?: unknown }).message;
  if (Array.isArray(message)) return message.map(String);
  if (typeof message === 'string') return [message];
  return [];
}

/** Maps every error to one JSON shape; unknown errors become a 500 without internals, logged. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: JsonLogger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const body = this.toBody(exception);
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof MeshDriverError) {
      // A host-side failure (tool missing, port or address taken): said plainly, never a bare 500.
      const statusCode = exception.problem === 'port-in-use' || exception.problem === 'ip-conflict' ? 409 : 503;
      const code = ({ 'tools-missing': 'MESH_TOOLS_MISSING', 'port-in-use': 'MESH_PORT_IN_USE', 'ip-conflict': 'MESH_IP_CONFLICT', 'command-failed': 'MESH_FAILED' } as const)[exception.problem];
      return { statusCode, code, message: exception.message };
    }
    if (exception instanceof DomainError) {
      return { statusCode: httpStatusFor(exception.code), code: exception.code, message: exception.message };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const errors = messagesOf(exception.getResponse());
      const message = errors.length > 0 ? errors.join('; ') : exception.message;
      return { statusCode, code: CODE_BY_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL' : 'HTTP_ERROR'), message, ...(errors.length > 1 ? { errors } : {}) };
    }
    const error = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error(error.message, error.stack, 'http');
    return { statusCode: HttpStatus.INTERNAL_SERVER_ERROR, code: 'INTERNAL', message: 'internal error: see the agent log' };
  }
}
