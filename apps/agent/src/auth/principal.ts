import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Role } from '@sfha/ha';
import type { Request } from 'express';

/** Who an authenticated request acts as. */
export interface Principal {
  kind: 'user' | 'token' | 'local';
  /** The user (for a token: its owner; for the CLI's local access: `root@<node>`). */
  user: string;
  role: Role;
  /** What the audit trail records: `alice`, `token ci (alice)`, `root@node1`. */
  actor: string;
  /** When the credential stops working; null for a token without expiry. */
  expiresAt: string | null;
}

export type AuthenticatedRequest = Request & { principal?: Principal };

/** The principal the global guard attached (only on routes with a role rule). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without a role rule');
  return principal;
});
