import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Headers of a signed peer API request. */
export const PEER_HEADERS = { node: 'x-sfha-node', time: 'x-sfha-time', nonce: 'x-sfha-nonce', signature: 'x-sfha-signature' } as const;
/** A request older or newer than this is refused, whatever its signature. */
export const REPLAY_WINDOW_MS = 30_000;

export interface SignedRequest {
  method: string;
  path: string;
  body: string;
}

function signatureOf(secret: string, request: SignedRequest, node: string, time: string, nonce: string): string {
  const bodyHash = createHash('sha256').update(request.body).digest('base64url');
  return createHmac('sha256', secret).update([request.method.toUpperCase(), request.path, node, time, nonce, bodyHash].join('\n')).digest('base64url');
}

/** Headers that prove `node` knows the cluster secret, for this request only, now. */
export function signPeerRequest(secret: string, node: string, request: SignedRequest, now: number): Record<string, string> {
  const time = String(now);
  const nonce = randomBytes(16).toString('base64url');
  return {
    [PEER_HEADERS.node]: node,
    [PEER_HEADERS.time]: time,
    [PEER_HEADERS.nonce]: nonce,
    [PEER_HEADERS.signature]: signatureOf(secret, request, node, time, nonce),
  };
}

/** Remembers the nonces seen within the replay window. */
export class NonceCache {
  private readonly seen = new Map<string, number>();

  /** False when the nonce was already used (a replay). */
  remember(nonce: string, now: number): boolean {
    for (const [n, t] of this.seen) if (t < now - 2 * REPLAY_WINDOW_MS) this.seen.delete(n);
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, now);
    return true;
  }
}

export type PeerAuthResult = { ok: true; node: string } | { ok: false; reason: string };

/** Checks a signed request: fresh, not replayed, signed with the cluster secret (constant time). */
export function verifyPeerRequest(secret: string, request: SignedRequest, headers: Readonly<Record<string, string | undefined>>, now: number, nonces: NonceCache): PeerAuthResult {
  const node = headers[PEER_HEADERS.node];
  const time = headers[PEER_HEADERS.time];
  const nonce = headers[PEER_HEADERS.nonce];
  const signature = headers[PEER_HEADERS.signature];
  if (!node || !time || !nonce || !signature) return { ok: false, reason: 'unsigned request' };
  if (!/^\d+$/.test(time) || Math.abs(now - Number(time)) > REPLAY_WINDOW_MS) return { ok: false, reason: 'request outside the replay window (check the clocks)' };
  const expected = Buffer.from(signatureOf(secret, request, node, time, nonce));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: 'bad signature' };
  if (!nonces.remember(nonce, now)) return { ok: false, reason: 'replayed request' };
  return { ok: true, node };
}
