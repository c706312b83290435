import { describe, expect, it } from 'vitest';
import { NonceCache, PEER_HEADERS, signPeerRequest, verifyPeerRequest } from './peer-signature';

const SECRET = 'cluster-secret';
const request = { method: 'PUT', path: '/peer/v1/members', body: '{"generation":2}' };

describe('peer request signatures', () => {
  it('accepts a fresh request signed with the cluster secret, once', () => {
    const headers = signPeerRequest(SECRET, 'node1', request, 1_000_000);
    const nonces = new NonceCache();
    expect(verifyPeerRequest(SECRET, request, headers, 1_000_500, nonces)).toEqual({ ok: true, node: 'node1' });
    expect(verifyPeerRequest(SECRET, request, headers, 1_000_600, nonces)).toEqual({ ok: false, reason: 'replayed request' });
  });

  it('refuses another secret, a changed body, path or node, and old requests', () => {
    const headers = signPeerRequest(SECRET, 'node1', request, 1_000_000);
    const check = (h: Record<string, string>, r = request, now = 1_000_000, secret = SECRET) => verifyPeerRequest(secret, r, h, now, new NonceCache());
    expect(check(headers, request, 1_000_000, 'other')).toEqual({ ok: false, reason: 'bad signature' });
    expect(check(headers, { ...request, body: '{"generation":9}' })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check(headers, { ...request, path: '/peer/v1/other' })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check({ ...headers, [PEER_HEADERS.node]: 'node2' })).toEqual({ ok: false, reason: 'bad signature' });
    expect(check(headers, request, 1_031_000)).toMatchObject({ ok: false, reason: 'request outside the replay window (check the clocks)' });
    expect(check({})).toEqual({ ok: false, reason: 'unsigned request' });
  });
});
