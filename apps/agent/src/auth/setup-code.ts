import { randomInt } from 'node:crypto';
import { secretsEqual } from './constant-time';

// No 0/O, 1/I/L: the code is read off a log and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** A one-time code like `K7PD-Q2XM-9RWA` (about 59 bits), generated from the CSPRNG. */
export function generateSetupCode(): string {
  const groups = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''));
  return groups.join('-');
}

/** Case, spaces and dashes do not matter when typing the code. */
export function setupCodeMatches(given: string, expected: string): boolean {
  const normalize = (s: string) => s.toUpperCase().replace(/[\s-]/g, '');
  return secretsEqual(normalize(given), normalize(expected));
}
