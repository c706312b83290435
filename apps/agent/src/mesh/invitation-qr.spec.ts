import { encodeJoinToken, generateKeyPair } from '@sfha/mesh';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { invitationQrPng } from './invitation-qr';

describe('invitation QR code', () => {
  it('decodes back to the exact sfha-join:// link', async () => {
    const link = encodeJoinToken(
      {
        v: 1,
        invitationId: '6f1c5a52-3f7e-4d3b-9a51-0d3b1f0a9c11',
        clusterId: 'a0c3b0f6-2a35-4f0e-8a8f-3e7b6f1d2c44',
        clusterName: 'prod',
        network: '10.100.0.0/24',
        port: 51820,
        assignedIp: '10.100.0.12',
        bootstrapPrivateKey: generateKeyPair().privateKey,
        inviter: { name: 'node1', meshIp: '10.100.0.1', publicKey: generateKeyPair().publicKey, endpoints: ['203.0.113.7:51820'], peerApiPort: 7779 },
        expiresAt: '2026-11-21T19:00:00.000Z',
      },
      'cluster-secret',
    );
    const dataUrl = await invitationQrPng(link);
    expect(dataUrl.startsWith('data:image/png;base64,')).toBe(true);
    const png = PNG.sync.read(Buffer.from(dataUrl.slice('data:image/png;base64,'.length), 'base64'));
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    expect(decoded?.data).toBe(link);
  });
});
