import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header a signed webhook carries. */
export const SIGNATURE_HEADER = 'X-Sfha-Signature';

/** `sha256=<hex HMAC-SHA256 of the raw body with the target's secret>` (GitHub's webhook scheme). Pure. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** What a receiver does: recompute and compare in constant time. Pure. */
export function signatureMatches(secret: string, body: string, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(secret, body));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
