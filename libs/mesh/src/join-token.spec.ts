import { describe, expect, it } from 'vitest';
import { decodeJoinToken, encodeJoinToken, type JoinInvitation, JoinTokenError, verifyInvitationMac } from './join-token';

const invitation: JoinInvitation = {
  v: 1,
  invitationId: 'inv-1',
  clusterId: 'c-1',
  clusterName: 'prod',
  network: '10.100.0.0/24',
  port: 51820,
  assignedIp: '10.100.0.2',
  bootstrapPrivateKey: 'GHxYo9h3S5cQvZbq0k0m2Yy1n9t5r4e3w2q1a0s9d8E=',
  inviter: { name: 'node1', meshIp: '10.100.0.1', publicKey: 'xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=', endpoints: ['192.0.2.1:51820'], peerApiPort: 7779 },
  expiresAt: '2026-11-21T19:00:00.000Z',
};
const SECRET = 'cluster-secret-for-tests';

describe('join token', () => {
  it('round-trips through a sfha-join:// link', () => {
    const token = encodeJoinToken(invitation, SECRET);
    expect(token.startsWith('sfha-join://')).toBe(true);
    const { invitation: decoded, mac } = decodeJoinToken(token);
    expect(decoded).toEqual(invitation);
    expect(verifyInvitationMac(decoded, mac, SECRET)).toBe(true);
  });

  it('signs the same invitation the same way whatever the key order', () => {
    const reordered = JSON.parse(JSON.stringify({ ...invitation, v: undefined, v2: undefined })) as JoinInvitation;
    expect(encodeJoinToken({ ...reordered, v: 1 }, SECRET)).toBe(encodeJoinToken(invitation, SECRET));
  });

  it('detects a link with any one character altered, before anything is tried', () => {
    const token = encodeJoinToken(invitation, SECRET);
    for (const position of [15, 40, token.length - 20, token.length - 3]) {
      const c = token[position] === 'A' ? 'B' : 'A';
      const altered = `${token.slice(0, position)}${c}${token.slice(position + 1)}`;
      expect(() => decodeJoinToken(altered)).toThrow(JoinTokenError);
    }
    expect(() => decodeJoinToken(token.slice(0, -10))).toThrow('the invitation link is damaged or incomplete: copy it again, whole');
    expect(() => decodeJoinToken('https://example.invalid/x')).toThrow('an invitation link starts with sfha-join://');
  });

  it('refuses a well-formed link whose invitation cannot be used, naming the field', () => {
    const bad = (patch: Partial<JoinInvitation>) => () => decodeJoinToken(encodeJoinToken({ ...invitation, ...patch }, SECRET));
    expect(bad({ network: 'nope' })).toThrow('the invitation link holds an invalid invitation (network)');
    expect(bad({ assignedIp: '10.200.0.2' })).toThrow('(assignedIp)');
    expect(bad({ port: 70000 })).toThrow('(port)');
    expect(bad({ bootstrapPrivateKey: 'short' })).toThrow('(bootstrapPrivateKey)');
    expect(bad({ inviter: { ...invitation.inviter, endpoints: [] } })).toThrow('(inviter.endpoints)');
  });

  it('lets only the cluster secret vouch for an invitation', () => {
    const forged = encodeJoinToken({ ...invitation, assignedIp: '10.100.0.50' }, 'attacker-secret');
    const { invitation: decoded, mac } = decodeJoinToken(forged);
    expect(verifyInvitationMac(decoded, mac, SECRET)).toBe(false);
    const { mac: genuine } = decodeJoinToken(encodeJoinToken(invitation, SECRET));
    expect(verifyInvitationMac({ ...invitation, assignedIp: '10.100.0.50' }, genuine, SECRET)).toBe(false);
  });
});

describe('join token role', () => {
  it('carries a witness role, signed, and reads an old token without one as a full member', () => {
    const witness = { ...invitation, role: 'witness' as const };
    const { invitation: decoded, mac } = decodeJoinToken(encodeJoinToken(witness, SECRET));
    expect(decoded.role).toBe('witness');
    expect(verifyInvitationMac(decoded, mac, SECRET)).toBe(true);
    // Changing the role breaks the signature: a full-member link cannot be turned into a witness one.
    expect(verifyInvitationMac({ ...decoded, role: 'full' }, mac, SECRET)).toBe(false);
    expect(decodeJoinToken(encodeJoinToken(invitation, SECRET)).invitation.role).toBeUndefined();
  });

  it('refuses an unknown role', () => {
    const token = encodeJoinToken({ ...invitation, role: 'arbiter' as unknown as 'witness' }, SECRET);
    expect(() => decodeJoinToken(token)).toThrow('the invitation link holds an invalid invitation (role)');
  });
});
