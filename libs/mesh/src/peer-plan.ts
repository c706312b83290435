import type { WgPeerState } from './wg-dump';

/** A peer as sfha wants it on the interface. */
export interface DesiredPeer {
  publicKey: string;
  endpoint: string | null;
  allowedIps: string[];
  keepalive: number;
}

export type PeerChange = { op: 'set'; peer: DesiredPeer } | { op: 'remove'; publicKey: string };

const sameIps = (a: readonly string[], b: readonly string[]) => [...a].sort().join(',') === [...b].sort().join(',');

/**
 * The `wg set` operations that turn the interface's peers into the desired ones.
 * Removals come first, so an allowed-IP moving from one key to another is never claimed twice.
 * Endpoints: WireGuard follows a peer that roams (NAT, new address), so a live endpoint that
 * differs from the desired one is kept; the desired endpoint is set only for a new peer, a
 * peer without one, or when it changed since `lastApplied` (what sfha set last, per key).
 */
export function planPeerChanges(current: readonly WgPeerState[], desired: readonly DesiredPeer[], lastApplied: ReadonlyMap<string, string | null> = new Map()): PeerChange[] {
  const wanted = new Map(desired.map((p) => [p.publicKey, p]));
  const removals: PeerChange[] = current.filter((p) => !wanted.has(p.publicKey)).map((p) => ({ op: 'remove', publicKey: p.publicKey }));
  const sets: PeerChange[] = [];
  for (const peer of desired) {
    const now = current.find((p) => p.publicKey === peer.publicKey);
    const endpointOk = peer.endpoint === null || now?.endpoint === peer.endpoint || (now?.endpoint !== null && lastApplied.get(peer.publicKey) === peer.endpoint);
    if (!now || !endpointOk || !sameIps(now.allowedIps, peer.allowedIps) || (now.persistentKeepalive ?? 0) !== peer.keepalive) {
      sets.push({ op: 'set', peer });
    }
  }
  return [...removals, ...sets];
}
