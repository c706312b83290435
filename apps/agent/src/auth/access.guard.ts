import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { ACCESS_RULE_KEY, type AccessRule } from './access-rule';
import { Authenticator } from './authenticator.service';
import type { AuthenticatedRequest } from './principal';

/**
 * The global guard. Each handler declares its rule ({@link Public} or Roles): a handler
 * without one is refused, so no route is open, or admin-only, by omission. Then a valid
 * session or API token whose role the rule admits.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: Authenticator,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const rule = this.reflector.get<AccessRule | undefined>(ACCESS_RULE_KEY, context.getHandler());
    if (!rule) throw new DomainError(ErrorCode.Forbidden, `${req.method} ${req.path} declares no access rule, so it is refused (a defect: report it)`);
    if ('public' in rule) return true;
    const principal = this.authenticator.authenticate(req.headers.authorization, req.socket.remoteAddress ?? 'unknown');
    if (!rule.roles.includes(principal.role)) {
      throw new DomainError(ErrorCode.Forbidden, `${principal.actor} has the role ${principal.role}: this needs ${rule.roles.join(' or ')}`);
    }
    req.principal = principal;
    return true;
  }
}
