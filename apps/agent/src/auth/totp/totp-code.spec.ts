import { describe, expect, it } from 'vitest';
import { checkTotpCode, newTotpSecret, otpauthUri, TOTP_PERIOD_SECONDS, totpCodeAt } from './totp-code';

const secret = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const t0 = Date.parse('2026-03-01T12:00:10Z');
const step = (ms: number) => Math.floor(ms / 1000 / TOTP_PERIOD_SECONDS);

describe('TOTP codes', () => {
  it('accepts the current code and one step of drift either way, not two', () => {
    expect(checkTotpCode(secret, totpCodeAt(secret, t0), t0, null)).toEqual({ ok: true, step: step(t0) });
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 - 30_000), t0, null)).toEqual({ ok: true, step: step(t0) - 1 });
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 + 30_000), t0, null)).toEqual({ ok: true, step: step(t0) + 1 });
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 - 61_000), t0, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 + 61_000), t0, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code used once already, and any older one (replay window)', () => {
    const used = checkTotpCode(secret, totpCodeAt(secret, t0), t0, null);
    if (!used.ok) throw new Error('first use refused');
    expect(checkTotpCode(secret, totpCodeAt(secret, t0), t0 + 5_000, used.step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 - 30_000), t0, used.step)).toEqual({ ok: false, reason: 'replayed' });
    // The next step's code is new.
    expect(checkTotpCode(secret, totpCodeAt(secret, t0 + 30_000), t0 + 30_000, used.step)).toEqual({ ok: true, step: used.step + 1 });
  });

  it('refuses malformed codes without checking them, and tolerates spaces', () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) expect(checkTotpCode(secret, code, t0, null)).toEqual({ ok: false, reason: 'malformed' });
    const spaced = totpCodeAt(secret, t0).replace(/^(\d{3})/, '$1 ');
    expect(checkTotpCode(secret, spaced, t0, null).ok).toBe(true);
  });

  it('makes 160-bit base32 secrets and an otpauth URI authenticator apps read', () => {
    const fresh = newTotpSecret();
    expect(fresh).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(fresh);
    // The defaults (SHA-1, 6 digits, 30 s) are what apps assume when the URI does not say.
    expect(otpauthUri('JBSWY3DPEHPK3PXP', 'alice', 'sfha prod')).toBe('otpauth://totp/sfha%20prod:alice?secret=JBSWY3DPEHPK3PXP&issuer=sfha%20prod');
  });
});
