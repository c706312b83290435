import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard } from '@nestjs/passport';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { IS_PUBLIC_KEY } from './public.decorator';

/** The global guard: a valid, unexpired admin JWT on every route not marked {@link Public}. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override canActivate(context: ExecutionContext) {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, [context.getHandler(), context.getClass()]);
    return isPublic ? true : super.canActivate(context);
  }

  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error || !user) {
      const expired = info instanceof Error && info.name === 'TokenExpiredError';
      throw new DomainError(ErrorCode.Unauthenticated, expired ? 'the session has expired: log in again' : 'a valid admin token is required (Authorization: Bearer …)');
    }
    return user;
  }
}
