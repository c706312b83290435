import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

/** RFC 6238 as every authenticator app reads it: SHA-1, 6 digits, 30 s steps. */
export const TOTP_PERIOD_SECONDS = 30;
/** A code of the step before or after the current one still counts (clock drift, slow typing). */
const DRIFT_STEPS = 1;
const CODE = /^\d{6}$/;

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

/** A new secret, base32, 160 bits (RFC 4226's recommended length). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://` URI an authenticator app scans (as a QR code) or takes as text. */
export function otpauthUri(secret: string, user: string, issuer: string): string {
  return generateURI({ issuer, label: user, secret, period: TOTP_PERIOD_SECONDS, digits: 6, algorithm: 'sha1' });
}

/** The code for a time (tests and the lab compute what an app would show). */
export function totpCodeAt(secret: string, nowMs: number): string {
  return generateSync({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * Checks a code against the secret at `nowMs`, within one step of drift. A code is good once:
 * its time step must be after `lastStep`, the latest step this user already logged in with
 * (so a code seen over a shoulder or in a proxy log cannot be replayed in its 90 s window).
 * otplib compares in constant time. Pure: the clock and the last step are passed in.
 */
export function checkTotpCode(secret: string, code: string, nowMs: number, lastStep: number | null): TotpCheck {
  const given = code.replace(/\s+/g, '');
  if (!CODE.test(given)) return { ok: false, reason: 'malformed' };
  const epoch = Math.floor(nowMs / 1000);
  const options = { secret, token: given, epoch, period: TOTP_PERIOD_SECONDS, epochTolerance: DRIFT_STEPS * TOTP_PERIOD_SECONDS };
  const fresh = verifySync({ ...options, ...(lastStep === null ? {} : { afterTimeStep: lastStep }) });
  // delta: how many steps from the current one the code was made for.
  if (fresh.valid) return { ok: true, step: Math.floor(epoch / TOTP_PERIOD_SECONDS) + fresh.delta };
  // Only to say why: the same code without the replay bound.
  return lastStep !== null && verifySync(options).valid ? { ok: false, reason: 'replayed' } : { ok: false, reason: 'wrong' };
}
