import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { currentActor } from './actor-context';
import { ActorInterceptor } from './actor.interceptor';

const contextFor = (actor?: string) => ({ switchToHttp: () => ({ getRequest: () => ({ principal: actor ? { actor } : undefined }) }) }) as unknown as ExecutionContext;

/** A handler that looks up the actor after an await, as a service recording an event does. */
const handler: CallHandler = {
  handle: () =>
    defer(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      return currentActor() ?? 'nobody';
    }),
};

describe('ActorInterceptor', () => {
  it('runs the handler as the request principal, across awaits, and as nobody outside requests', async () => {
    const interceptor = new ActorInterceptor();
    const [a, b] = await Promise.all([firstValueFrom(interceptor.intercept(contextFor('token ci (alice)'), handler)), firstValueFrom(interceptor.intercept(contextFor('bob'), handler))]);
    expect([a, b]).toEqual(['token ci (alice)', 'bob']);
    expect(await firstValueFrom(interceptor.intercept(contextFor(), handler))).toBe('nobody');
    expect(currentActor()).toBeUndefined();
  });
});
