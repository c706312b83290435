import { Injectable } from '@nestjs/common';
import { signPeerRequest } from '@sfha/mesh';

export interface PeerTarget {
  meshIp: string;
  port: number;
}

export interface PeerAnswer<T> {
  status: number;
  body: T;
}

/** Calls another agent's peer API over the mesh, signed with the cluster secret when given. */
@Injectable()
export class PeerClient {
  async call<T>(
    target: PeerTarget,
    method: 'GET' | 'POST' | 'PUT',
    path: string,
    options: { body?: unknown; sign?: { secret: string; node: string }; timeoutMs?: number } = {},
  ): Promise<PeerAnswer<T>> {
    const rawBody = options.body === undefined ? '' : JSON.stringify(options.body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (options.sign) Object.assign(headers, signPeerRequest(options.sign.secret, options.sign.node, { method, path, body: rawBody }, Date.now()));
    const res = await fetch(`http://${target.meshIp}:${target.port}${path}`, {
      method,
      headers,
      body: method === 'GET' ? undefined : rawBody,
      signal: AbortSignal.timeout(options.timeoutMs ?? 3_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as T };
  }
}
