import { isIP } from 'node:net';

/** A member's endpoint, `HOST:PORT`: an IPv4 address, `[IPv6]`, or a DNS name (a dynamic DNS home). */
export interface EndpointParts {
  host: string;
  port: number;
  /** The host is an address (nothing to resolve). */
  literal: boolean;
}

/** Splits `HOST:PORT` (`[v6]:port` for IPv6); null when it is not one. */
export function parseEndpoint(endpoint: string): EndpointParts | null {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([A-Za-z0-9.-]+)):([1-9]\d{0,4})$/.exec(endpoint);
  const port = Number(match?.[3]);
  if (!match || port > 65_535) return null;
  if (match[1] !== undefined) return isIP(match[1]) === 6 ? { host: match[1], port, literal: true } : null;
  const host = match[2] as string;
  return { host, port, literal: isIP(host) === 4 };
}

/** An address and a port as WireGuard takes them (`[v6]:port`). */
export function formatEndpoint(address: string, port: number): string {
  return isIP(address) === 6 ? `[${address}]:${port}` : `${address}:${port}`;
}

/** What a member's endpoint resolves to now, and why not when it does not. */
export interface ResolvedEndpoint {
  /** The address WireGuard is given (`ADDRESS:PORT`); null: none known (WireGuard waits for the peer to reach us). */
  endpoint: string | null;
  /** Why the name did not resolve this time (the last address it had is kept meanwhile). */
  problem: string | null;
}

/**
 * The next resolution of an endpoint (pure): a literal is itself; a name takes the address it
 * resolved to now, or keeps the last one it had when the lookup failed (a resolver outage
 * must not cut a link that works), with the failure as its problem.
 */
export function nextResolution(endpoint: string, lookup: { address: string } | { error: string }, previous: ResolvedEndpoint | undefined): ResolvedEndpoint {
  const parts = parseEndpoint(endpoint);
  if (!parts) return { endpoint: null, problem: `${endpoint} is not HOST:PORT` };
  if (parts.literal) return { endpoint, problem: null };
  if ('address' in lookup) return { endpoint: formatEndpoint(lookup.address, parts.port), problem: null };
  return { endpoint: previous?.endpoint ?? null, problem: `${parts.host} does not resolve (${lookup.error})` };
}
