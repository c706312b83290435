import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { RECOVERY_CODE_COUNT } from '@sfha/ha';

/** Letters and digits a reader cannot confuse (no 0/o, 1/l/i). */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/** One recovery code: 3 groups of 4 (about 59 bits), e.g. `k7pd-q2xm-9rwa`. */
function newRecoveryCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => ALPHABET[b % ALPHABET.length] as string).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

/** Codes shown to the user once, and what the config keeps of them. */
export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): { codes: string[]; hashes: string[] } {
  const codes = Array.from({ length: count }, newRecoveryCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256')
    .update(code.toLowerCase().replace(/[\s-]+/g, ''))
    .digest('hex');
}

/**
 * The stored hash `code` matches, or null when it matches none. Every stored hash is
 * compared, in constant time, whichever matches. Pure.
 */
export function matchingRecoveryHash(hashes: readonly string[], code: string): string | null {
  const given = Buffer.from(hashRecoveryCode(code), 'hex');
  let match: string | null = null;
  for (const hash of hashes) {
    const stored = Buffer.from(hash, 'hex');
    if (stored.length === given.length && timingSafeEqual(stored, given) && match === null) match = hash;
  }
  return match;
}

/** The hashes left once `code` is used, or null when it matches none. Pure. */
export function useRecoveryCode(hashes: readonly string[], code: string): string[] | null {
  const match = matchingRecoveryHash(hashes, code);
  return match === null ? null : hashes.filter((hash) => hash !== match);
}
