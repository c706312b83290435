import { describe, expect, it } from 'vitest';
import { hashRecoveryCode, newRecoveryCodes, useRecoveryCode } from './recovery-codes';

describe('recovery codes', () => {
  it('are 10 distinct readable codes, stored only as hashes', () => {
    const { codes, hashes } = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    expect(hashes).toEqual(codes.map(hashRecoveryCode));
    expect(hashes.join()).not.toContain(codes[0]);
  });

  it('each work once, typed in any case, with or without dashes', () => {
    const { codes, hashes } = newRecoveryCodes(3);
    const [first = '', second = ''] = codes;
    const left = useRecoveryCode(hashes, first.toUpperCase().replace(/-/g, ' '));
    expect(left).toEqual(hashes.slice(1));
    expect(useRecoveryCode(left ?? [], first)).toBeNull();
    expect(useRecoveryCode(left ?? [], second)).toEqual(hashes.slice(2));
    expect(useRecoveryCode(hashes, 'aaaa-bbbb-cccc')).toBeNull();
    expect(useRecoveryCode([], first)).toBeNull();
  });
});
