import { describe, expect, it } from 'vitest';
import { hashTokenSecret, newApiToken, parseApiToken, tokenSecretMatches } from './api-token-codec';

describe('API token codec', () => {
  it('makes sfha_<id>_<secret> tokens that parse back and match only their own hash', () => {
    const a = newApiToken();
    const b = newApiToken();
    expect(a.text).toMatch(/^sfha_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(parseApiToken(a.text)).toEqual({ id: a.id, secret: a.secret });
    expect(a.id).not.toBe(b.id);
    expect(tokenSecretMatches(a.secret, hashTokenSecret(a.secret))).toBe(true);
    expect(tokenSecretMatches(b.secret, hashTokenSecret(a.secret))).toBe(false);
    expect(hashTokenSecret(a.secret)).not.toContain(a.secret);
  });

  it('refuses texts that are not tokens', () => {
    for (const text of ['', 'sfha_', 'sfha_short_x', `sfha_ABCDEFGHIJKL_${'a'.repeat(43)}`, `xyz_abcdefghijkl_${'a'.repeat(43)}`]) expect(parseApiToken(text)).toBeNull();
  });
});
