import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { DomainError } from '../../errors/domain-error';
import { httpStatusFor } from '../../errors/error-code';
import { JsonLogger } from '../../logging/json-logger';

export interface PeerRequest {
  method: string;
  path: string;
  /** Raw body, as signed. */
  rawBody: string;
  body: unknown;
  headers: Record<string, string | undefined>;
  /** The mesh address the request came from (WireGuard ties it to one peer key). */
  remoteIp: string;
}

export interface PeerAnswer {
  status: number;
  body: unknown;
  /** Runs once the answer has left (e.g. a change that would cut the caller's tunnel). */
  afterSent?: () => void;
}

export type PeerHandler = (request: PeerRequest) => Promise<PeerAnswer>;

const MAX_BODY_BYTES = 256 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) reject(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * The agent-to-agent API. It listens only on this node's mesh address, so only WireGuard
 * peers reach it; each route checks its own proof (cluster signature or invitation).
 */
@Injectable()
export class PeerApiServer implements OnApplicationShutdown {
  private readonly routes = new Map<string, PeerHandler>();
  private server: Server | null = null;
  private address: string | null = null;

  constructor(private readonly logger: JsonLogger) {}

  register(method: string, path: string, handler: PeerHandler): void {
    this.routes.set(`${method} ${path}`, handler);
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

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.address = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  private async handle(req: IncomingMessage): Promise<PeerAnswer> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const handler = this.routes.get(`${req.method ?? 'GET'} ${path}`);
    if (!handler) return { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: `no peer route ${req.method} ${path}` } };
    try {
      const rawBody = await readBody(req);
      let body: unknown = {};
      if (rawBody) {
        try {
          body = JSON.parse(rawBody) as unknown;
        } catch {
          return { status: 400, body: { statusCode: 400, code: 'VALIDATION_FAILED', message: 'the request body is not valid JSON' } };
        }
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
      const remoteIp = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
      return await handler({ method: req.method ?? 'GET', path, rawBody, body, headers, remoteIp });
    } catch (error) {
      if (error instanceof DomainError) {
        const statusCode = httpStatusFor(error.code);
        return { status: statusCode, body: { statusCode, code: error.code, message: error.message } };
      }
      this.logger.error((error as Error).message, (error as Error).stack, 'peer-api');
      return { status: 500, body: { statusCode: 500, code: 'INTERNAL', message: 'internal error: see the agent log' } };
    }
  }
}
