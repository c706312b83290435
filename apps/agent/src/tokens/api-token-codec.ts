import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_TOKEN_PREFIX = 'sfha_';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new API token: `sfha_<id>_<secret>`. Only `id` and the hash of `secret` are stored. */
export function newApiToken(): { id: string; secret: string; text: string } {
  const id = Array.from(randomBytes(12), (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = randomBytes(32).toString('base64url');
  return { id, secret, text: `${API_TOKEN_PREFIX}${id}_${secret}` };
}

/** The id and secret of a token text, or null when it is not shaped like one. */
export function parseApiToken(text: string): { id: string; secret: string } | null {
  const match = /^sfha_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/.exec(text);
  return match ? { id: match[1] as string, secret: match[2] as string } : null;
}

export function hashTokenSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** Constant-time comparison of a presented secret with a stored hash. */
export function tokenSecretMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashTokenSecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
