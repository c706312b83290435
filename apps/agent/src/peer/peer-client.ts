import { Injectable } from '@nestjs/common';
import { signPeerRequest } from '@sfha/mesh';
import { DomainError } from '../errors/domain-error';
import { ErrorCode } from '../errors/error-code';
import { PeerIdentitySource } from './peer-identity';
import type { AnswerOf, PeerRoute, RequestOf } from './peer-routes';
import { describeIssues, PeerErrorSchema } from './peer-schemas';

export interface PeerTarget {
  meshIp: string;
  /** The peer API port; this node's own (the same on every member) when omitted. */
  port?: number;
}

/** A 200 whose body matched the route's answer schema, or a refusal with its code and message. */
export type PeerResult<Ans> = { ok: true; status: 200; body: Ans } | { ok: false; status: number; error: { code?: string; message?: string } };

/** An answer that does not follow the protocol (a wrong body on a 200): the caller treats it like no answer. */
export class PeerProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeerProtocolError';
  }
}

/**
 * Calls another agent's peer API over the mesh: a `cluster` route signed with the cluster
 * secret, an `invitation` route as is. The answer is checked against the route's schema here,
 * once, so callers get typed bodies; a network failure or a malformed answer throws.
 */
@Injectable()
export class PeerClient {
  constructor(private readonly identity: PeerIdentitySource) {}

  async call<R extends PeerRoute>(route: R, target: PeerTarget, options: { body?: RequestOf<R>; timeoutMs?: number } = {}): Promise<PeerResult<AnswerOf<R>>> {
    const rawBody = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const identity = this.identity.current();
    if (route.auth === 'cluster') {
      if (!identity) throw new DomainError(ErrorCode.NotInCluster, 'this node is in no cluster');
      Object.assign(headers, signPeerRequest(identity.secret, identity.nodeName, { method: route.method, path: route.path, body: rawBody }, Date.now()));
    }
    const port = target.port ?? identity?.port;
    if (port === undefined) throw new Error(`no peer API port known for ${target.meshIp}`);
    const res = await fetch(`http://${target.meshIp}:${port}${route.path}`, {
      method: route.method,
      headers,
      body: route.method === 'GET' ? undefined : rawBody,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3_000),
    });
    const text = await res.text();
    let json: unknown = {};
    try {
      json = text ? (JSON.parse(text) as unknown) : {};
    } catch {
      throw new PeerProtocolError(`${target.meshIp} answered ${route.method} ${route.path} with a body that is not JSON (HTTP ${res.status})`);
    }
    if (res.status !== 200) {
      const error = PeerErrorSchema.safeParse(json);
      return { ok: false, status: res.status, error: error.success ? { code: error.data.code, message: error.data.message } : {} };
    }
    const parsed = route.answer.safeParse(json);
    if (!parsed.success) throw new PeerProtocolError(`${target.meshIp} answered ${route.method} ${route.path} with a malformed body: ${describeIssues(parsed.error)}`);
    return { ok: true, status: 200, body: parsed.data as AnswerOf<R> };
  }
}
