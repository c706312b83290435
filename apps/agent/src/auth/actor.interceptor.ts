import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import { runAs } from './actor-context';
import type { AuthenticatedRequest } from './principal';

/** Runs each authenticated handler as its principal (see actor-context.ts), so its events name who acted. */
@Injectable()
export class ActorInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const actor = context.switchToHttp().getRequest<AuthenticatedRequest>().principal?.actor;
    if (!actor) return next.handle();
    return new Observable((subscriber) => runAs(actor, () => next.handle().subscribe(subscriber)));
  }
}
