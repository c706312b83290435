import type { ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors/domain-error';
import { AdminOnly, AnyRole } from './access-rule';
import { AccessGuard } from './access.guard';
import type { Authenticator } from './authenticator.service';
import type { AuthenticatedRequest, Principal } from './principal';
import { Public } from './public.decorator';

class Handlers {
  @Public()
  open(): string {
    return 'open';
  }

  @AdminOnly()
  admin(): string {
    return 'admin';
  }

  @AnyRole()
  read(): string {
    return 'read';
  }

  forgotten(): string {
    return 'forgotten';
  }
}

const viewer: Principal = { kind: 'user', user: 'vera', role: 'viewer', actor: 'vera', expiresAt: null };

function run(handler: keyof Handlers, principal: Principal = viewer): { result: boolean | DomainError; req: AuthenticatedRequest } {
  const req = { method: 'GET', path: `/x/${handler}`, headers: {}, socket: { remoteAddress: '127.0.0.1' } } as unknown as AuthenticatedRequest;
  const context = { getHandler: () => Handlers.prototype[handler], switchToHttp: () => ({ getRequest: () => req }) } as unknown as ExecutionContext;
  const guard = new AccessGuard(new Reflector(), { authenticate: () => principal } as unknown as Authenticator);
  try {
    return { result: guard.canActivate(context), req };
  } catch (error) {
    return { result: error as DomainError, req };
  }
}

describe('AccessGuard', () => {
  it('refuses a handler that declares no rule, whoever calls', () => {
    const { result } = run('forgotten', { ...viewer, role: 'admin' });
    expect(result).toBeInstanceOf(DomainError);
    expect((result as DomainError).message).toBe('GET /x/forgotten declares no access rule, so it is refused (a defect: report it)');
  });

  it('lets a public handler through without authenticating', () => {
    expect(run('open').result).toBe(true);
  });

  it('admits the roles of the rule and names the missing role otherwise', () => {
    const read = run('read');
    expect(read.result).toBe(true);
    expect(read.req.principal).toEqual(viewer);
    expect((run('admin').result as DomainError).message).toBe('vera has the role viewer: this needs admin');
  });
});
