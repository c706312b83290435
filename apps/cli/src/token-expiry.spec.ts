import { describe, expect, it } from 'vitest';
import { tokenExpiry } from './token-expiry';

const now = Date.parse('2026-03-01T12:00:00Z');

describe('sfha token create --expires', () => {
  it('reads a duration from now or a date', () => {
    expect(tokenExpiry('90m', now)).toBe('2026-03-01T13:30:00.000Z');
    expect(tokenExpiry('12h', now)).toBe('2026-03-02T00:00:00.000Z');
    expect(tokenExpiry('30d', now)).toBe('2026-03-31T12:00:00.000Z');
    expect(tokenExpiry('2027-01-01', now)).toBe('2027-01-01T00:00:00.000Z');
    expect(tokenExpiry('2027-01-01T08:00:00+01:00', now)).toBe('2027-01-01T07:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['', '0d', '30', '30y', 'tomorrow', '2027-13-45', '-1d']) expect([bad, tokenExpiry(bad, now)]).toEqual([bad, null]);
  });
});
