import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A WireGuard key pair, both halves base64 (44 characters), as `wg` prints them. */
export interface WireGuardKeyPair {
  privateKey: string;
  publicKey: string;
}

// DER prefixes of a raw 32-byte X25519 key in PKCS#8 (private) and SPKI (public) form.
const PKCS8_X25519_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');
const SPKI_X25519_PREFIX = Buffer.from('302a300506032b656e032100', 'hex');
const WG_KEY = /^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw480]=$/;

function raw(key: KeyObject, type: 'pkcs8' | 'spki'): Buffer {
  const der = key.export({ format: 'der', type }) as Buffer;
  return der.subarray(der.length - 32);
}

/** Whether `key` has the shape of a WireGuard key (32 bytes, base64). */
export function isWireGuardKey(key: string): boolean {
  return WG_KEY.test(key);
}

/** A fresh X25519 key pair from the OS CSPRNG (same result as `wg genkey | wg pubkey`). */
export function generateKeyPair(): WireGuardKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  return { privateKey: raw(privateKey, 'pkcs8').toString('base64'), publicKey: raw(publicKey, 'spki').toString('base64') };
}

/** The public key of a base64 private key (what `wg pubkey` does). */
export function publicKeyOf(privateKey: string): string {
  if (!isWireGuardKey(privateKey)) throw new Error('not a WireGuard private key (32 bytes, base64)');
  const key = createPrivateKey({ key: Buffer.concat([PKCS8_X25519_PREFIX, Buffer.from(privateKey, 'base64')]), format: 'der', type: 'pkcs8' });
  return raw(createPublicKey(key), 'spki').toString('base64');
}

/** For completeness of the codec: a public key object from its base64 form (validates it). */
export function parsePublicKey(publicKey: string): KeyObject {
  if (!isWireGuardKey(publicKey)) throw new Error('not a WireGuard public key (32 bytes, base64)');
  return createPublicKey({ key: Buffer.concat([SPKI_X25519_PREFIX, Buffer.from(publicKey, 'base64')]), format: 'der', type: 'spki' });
}
