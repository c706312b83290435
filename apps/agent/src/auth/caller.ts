import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** Who is calling, as far as the socket tells (proxy headers are not trusted). */
export interface Caller {
  ip: string;
  /** The request came over loopback, i.e. from this machine. */
  local: boolean;
}

export const isLoopback = (ip: string): boolean => ip === '::1' || /^(::ffff:)?127\./.test(ip);

export const CurrentCaller = createParamDecorator((_: unknown, context: ExecutionContext): Caller => {
  const ip = context.switchToHttp().getRequest<Request>().socket.remoteAddress ?? 'unknown';
  return { ip, local: isLoopback(ip) };
});
