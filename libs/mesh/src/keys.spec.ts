import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { generateKeyPair, isWireGuardKey, parsePublicKey, publicKeyOf } from './keys';

describe('WireGuard keys', () => {
  it('makes key pairs whose public half is what `wg pubkey` derives', () => {
    for (let i = 0; i < 5; i++) {
      const pair = generateKeyPair();
      expect(isWireGuardKey(pair.privateKey)).toBe(true);
      const fromWg = execFileSync('wg', ['pubkey'], { input: `${pair.privateKey}\n`, encoding: 'utf8' }).trim();
      expect(pair.publicKey).toBe(fromWg);
    }
  });

  it('derives the public key of a key made by `wg genkey`', () => {
    const privateKey = execFileSync('wg', ['genkey'], { encoding: 'utf8' }).trim();
    const expected = execFileSync('wg', ['pubkey'], { input: `${privateKey}\n`, encoding: 'utf8' }).trim();
    expect(publicKeyOf(privateKey)).toBe(expected);
  });

  it('refuses strings that are not keys', () => {
    expect(isWireGuardKey('abc')).toBe(false);
    expect(() => publicKeyOf('not a key')).toThrow('not a WireGuard private key (32 bytes, base64)');
    expect(() => parsePublicKey(`${'A'.repeat(43)}`)).toThrow('not a WireGuard public key');
    expect(parsePublicKey(generateKeyPair().publicKey).asymmetricKeyType).toBe('x25519');
  });
});
