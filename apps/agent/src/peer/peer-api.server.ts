import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { NonceCache, verifyPeerRequest } from '@sfha/mesh';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DomainError } from '../errors/domain-error';
import { ErrorCode, httpStatusFor } from '../errors/error-code';
import { jsonNestsDeeperThan, MAX_JSON_BODY_BYTES, MAX_JSON_BODY_LABEL, TOO_DEEP_MESSAGE } from '../http/json-limits';
import { JsonLogger } from '../logging/json-logger';
import { PeerIdentitySource, type PeerIdentity } from './peer-identity';
import type { AnswerOf, PeerRoute, RequestOf } from './peer-routes';
import { describeIssues } from './peer-schemas';

/** A request that passed its route's checks: size, JSON, proof of the caller, body schema. */
export interface PeerCall<Req> {
  body: Req;
  /** The calling member (cluster routes), or null (invitation routes: the route checks the invitation). */
  caller: string | null;
  /** The mesh address the request came from (WireGuard ties it to one peer key). */
  remoteIp: string;
}

export interface PeerReply<Ans> {
  body: Ans;
  /** Runs once the answer has left (e.g. a change that would cut the caller's tunnel). */
  afterSent?: () => void;
}

export interface ServeOptions<Req> {
  /**
   * Members the request itself introduces, who may call before this node knows them
   * (a pushed member list naming a member this node has not seen yet).
   */
  callersIn?: (body: Req) => readonly { name: string; meshIp: string }[];
}

interface Entry {
  route: PeerRoute;
  handler: (call: PeerCall<unknown>) => Promise<PeerReply<unknown>>;
  options: ServeOptions<unknown>;
}

interface Answer {
  status: number;
  body: unknown;
  afterSent?: () => void;
}

/** The raw body, or null when it grew past the limit (the rest is not kept). */
function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let tooLarge = false;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_JSON_BODY_BYTES) tooLarge = true;
      if (!tooLarge) chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const refusal = (status: number, code: string, message: string): Answer => ({ status, body: { statusCode: status, code, message } });

/**
 * The agent-to-agent API (docs/architecture.md, "Peer protocol"). It listens only on this node's
 * mesh address, so only WireGuard peers reach it. Every request goes through the same checks, in
 * this order: size (413), nesting and JSON (400), the caller's proof for `cluster` routes (401),
 * the route's body schema (400 naming the field); only then the handler.
 */
@Injectable()
export class PeerApiServer implements OnApplicationShutdown {
  private readonly routes = new Map<string, Entry>();
  private readonly nonces = new NonceCache();
  private server: Server | null = null;
  private address: string | null = null;

  constructor(
    private readonly identity: PeerIdentitySource,
    private readonly logger: JsonLogger,
  ) {}

  serve<R extends PeerRoute>(route: R, handler: (call: PeerCall<RequestOf<R>>) => Promise<PeerReply<AnswerOf<R>>>, options: ServeOptions<RequestOf<R>> = {}): void {
    this.routes.set(`${route.method} ${route.path}`, { route, handler: handler as Entry['handler'], options: options as ServeOptions<unknown> });
  }

  /** Listens on `host:port`, moving there if it listened elsewhere. Idempotent. */
  async listen(host: string, port: number): Promise<void> {
    const address = `${host}:${port}`;
    if (this.server && this.address === address) return;
    await this.stop();
    const server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, afterSent }) => {
        if (afterSent) res.once('finish', afterSent);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    this.address = address;
    this.logger.event('info', 'peer-api', `peer API listening on ${address}`);
  }

  /** The port it listens on, or null when it does not listen. */
  port(): number | null {
    const address = this.server?.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.address = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async handle(req: IncomingMessage): Promise<Answer> {
    const method = req.method ?? 'GET';
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const entry = this.routes.get(`${method} ${path}`);
    if (!entry) return refusal(404, 'NOT_FOUND', `no peer route ${method} ${path}`);
    try {
      // Size and depth first: an oversized or deeply nested body is refused before its signature is checked.
      const rawBody = await readBody(req);
      if (rawBody === null) return refusal(413, 'PAYLOAD_TOO_LARGE', `the request body is larger than ${MAX_JSON_BODY_LABEL}`);
      if (jsonNestsDeeperThan(rawBody)) return refusal(400, 'VALIDATION_FAILED', TOO_DEEP_MESSAGE);
      let json: unknown = {};
      if (rawBody) {
        try {
          json = JSON.parse(rawBody) as unknown;
        } catch {
          return refusal(400, 'VALIDATION_FAILED', 'the request body is not valid JSON');
        }
      }
      const remoteIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const signer = entry.route.auth === 'cluster' ? this.verifySignature(method, path, rawBody, headers) : null;
      const parsed = entry.route.request.safeParse(json);
      if (!parsed.success) return refusal(400, 'VALIDATION_FAILED', `invalid body for ${method} ${path}: ${describeIssues(parsed.error)}`);
      if (signer) this.verifyAddress(signer, remoteIp, entry.options.callersIn?.(parsed.data) ?? []);
      const reply = await entry.handler({ body: parsed.data, caller: signer?.node ?? null, remoteIp });
      return { status: 200, body: reply.body, afterSent: reply.afterSent };
    } catch (error) {
      if (error instanceof DomainError) {
        const statusCode = httpStatusFor(error.code);
        return { status: statusCode, body: { statusCode, code: error.code, message: error.message } };
      }
      this.logger.error((error as Error).message, (error as Error).stack, 'peer-api');
      return refusal(500, 'INTERNAL', 'internal error: see the agent log');
    }
  }

  /** Signed with the cluster secret, fresh, not replayed. */
  private verifySignature(method: string, path: string, rawBody: string, headers: Record<string, string | undefined>) {
    const identity = this.identity.current();
    if (!identity) throw new DomainError(ErrorCode.NotInCluster, 'this node is in no cluster');
    const auth = verifyPeerRequest(identity.secret, { method, path, body: rawBody }, headers, Date.now(), this.nonces);
    if (!auth.ok) throw new DomainError(ErrorCode.Unauthenticated, `peer request refused: ${auth.reason}`);
    return { node: auth.node, members: identity.members };
  }

  /** From the signer's own mesh address (or one the request itself introduces). */
  private verifyAddress(signer: { node: string; members: PeerIdentity['members'] }, remoteIp: string, introduced: readonly { name: string; meshIp: string }[]): void {
    const known = [...signer.members, ...introduced].find((m) => m.name === signer.node);
    if (!known || known.meshIp !== remoteIp) throw new DomainError(ErrorCode.Unauthenticated, `peer request refused: ${signer.node} does not call from its mesh address`);
  }
}
