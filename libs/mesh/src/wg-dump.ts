/** What `wg show <iface> dump` tells, minus the private key, which is never kept. */
export interface WgInterfaceState {
  publicKey: string;
  listenPort: number;
  fwmark: string;
}

export interface WgPeerState {
  publicKey: string;
  /** host:port, or null before the peer's address is known. */
  endpoint: string | null;
  allowedIps: string[];
  /** Unix seconds; null when there has been no handshake. */
  latestHandshake: number | null;
  rxBytes: number;
  txBytes: number;
  /** Seconds; null when off. */
  persistentKeepalive: number | null;
}

export interface WgDump {
  interface: WgInterfaceState;
  peers: WgPeerState[];
}

/**
 * Parses `wg show <iface> dump`. Its first line starts with the interface's PRIVATE key:
 * that field is dropped here and never leaves this function.
 */
export function parseWgDump(text: string): WgDump {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const first = lines[0]?.split('\t');
  if (!first || first.length < 4) throw new Error('wg dump: no interface line');
  // [0] private key: deliberately ignored.
  const iface: WgInterfaceState = { publicKey: first[1] ?? '', listenPort: Number(first[2]), fwmark: first[3] ?? 'off' };
  const peers = lines.slice(1).map((line): WgPeerState => {
    const f = line.split('\t');
    if (f.length < 8) throw new Error(`wg dump: a peer line has ${f.length} fields, expected 8`);
    const handshake = Number(f[4]);
    const keepalive = f[7] === 'off' ? null : Number(f[7]);
    return {
      publicKey: f[0] ?? '',
      // f[1] is the preshared key: not used by sfha, not kept.
      endpoint: f[2] === '(none)' ? null : (f[2] ?? null),
      allowedIps: f[3] === '(none)' ? [] : (f[3] ?? '').split(',').filter(Boolean),
      latestHandshake: handshake > 0 ? handshake : null,
      rxBytes: Number(f[5]),
      txBytes: Number(f[6]),
      persistentKeepalive: keepalive,
    };
  });
  return { interface: iface, peers };
}

/** A peer is connected when its latest handshake is younger than 3 minutes (WireGuard rekeys every 2). */
export const CONNECTED_WITHIN_SECONDS = 180;

export function handshakeAgeSeconds(latestHandshake: number | null, nowSeconds: number): number | null {
  return latestHandshake === null ? null : Math.max(0, nowSeconds - latestHandshake);
}

export function isConnected(latestHandshake: number | null, nowSeconds: number): boolean {
  const age = handshakeAgeSeconds(latestHandshake, nowSeconds);
  return age !== null && age < CONNECTED_WITHIN_SECONDS;
}
