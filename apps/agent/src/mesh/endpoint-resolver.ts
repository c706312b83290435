import { Injectable } from '@nestjs/common';
import { nextResolution, parseEndpoint, type ResolvedEndpoint } from '@sfha/mesh';
import { lookup } from 'node:dns/promises';
import { JsonLogger } from '../logging/json-logger';

const LOOKUP_TIMEOUT_MS = 3_000;

/** One name → one address, through the host's resolver (getaddrinfo: /etc/hosts, then DNS). */
export type Lookup = (host: string) => Promise<string>;

const systemLookup: Lookup = async (host) =>
  (await Promise.race([lookup(host), new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${LOOKUP_TIMEOUT_MS / 1000} s`)), LOOKUP_TIMEOUT_MS).unref())])).address;

/**
 * Members' endpoints that are DNS names (a dynamic DNS home), resolved by the agent itself at each
 * mesh reconcile (every 10 s), so a member whose name moves to a new address is followed
 * (wireguard-tools' reresolve-dns, built in). WireGuard itself resolves a name only once, when it
 * is set. A failed lookup keeps the last address (see nextResolution); changes are logged once.
 */
@Injectable()
export class EndpointResolver {
  private readonly known = new Map<string, ResolvedEndpoint>();
  private lookup: Lookup = systemLookup;

  constructor(private readonly logger: JsonLogger) {}

  /** For tests: another resolver. */
  useLookup(lookup: Lookup): void {
    this.lookup = lookup;
  }

  /** Resolves every endpoint given (names in parallel); the result maps each to what WireGuard is given. */
  async resolveAll(endpoints: readonly (string | null)[]): Promise<ReadonlyMap<string, ResolvedEndpoint>> {
    const unique = [...new Set(endpoints.filter((e): e is string => e !== null))];
    await Promise.all(unique.map((endpoint) => this.resolve(endpoint)));
    for (const endpoint of [...this.known.keys()]) if (!unique.includes(endpoint)) this.known.delete(endpoint);
    return new Map(unique.map((e) => [e, this.known.get(e) as ResolvedEndpoint]));
  }

  /** What an endpoint resolved to last (for mesh status); undefined before the first reconcile. */
  last(endpoint: string): ResolvedEndpoint | undefined {
    return this.known.get(endpoint);
  }

  private async resolve(endpoint: string): Promise<void> {
    const parts = parseEndpoint(endpoint);
    const answer =
      !parts || parts.literal
        ? { address: '' }
        : await this.lookup(parts.host).then(
            (address) => ({ address }),
            (error: Error) => ({ error: error.message }),
          );
    const previous = this.known.get(endpoint);
    const next = nextResolution(endpoint, answer, previous);
    this.known.set(endpoint, next);
    if (parts?.literal) return;
    if (next.endpoint !== previous?.endpoint && next.endpoint)
      this.logger.event('info', 'mesh', `endpoint ${endpoint} resolves to ${next.endpoint}${previous?.endpoint ? ` (was ${previous.endpoint})` : ''}`);
    if (next.problem && next.problem !== previous?.problem) this.logger.event('warn', 'mesh', `endpoint ${endpoint}: ${next.problem}${next.endpoint ? `; keeping ${next.endpoint}` : ''}`);
  }
}
