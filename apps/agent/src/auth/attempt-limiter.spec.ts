import { describe, expect, it } from 'vitest';
import { AttemptLimiter } from './attempt-limiter';
import { secretsEqual } from './constant-time';
import { hashPassword, verifyPassword } from './password-hasher';

describe('attempt limiter', () => {
  it('blocks a caller after N failures within the window, then lets it try again', () => {
    const limiter = new AttemptLimiter(3, 60_000);
    for (const t of [0, 1_000, 2_000]) {
      expect(limiter.retryAfterMs('1.2.3.4', t)).toBe(0);
      limiter.fail('1.2.3.4', t);
    }
    expect(limiter.retryAfterMs('1.2.3.4', 3_000)).toBe(57_000);
    expect(limiter.retryAfterMs('5.6.7.8', 3_000)).toBe(0);
    expect(limiter.retryAfterMs('1.2.3.4', 60_001)).toBe(0);
  });

  it('reserves attempts up front, so parallel callers cannot pass the limit together', () => {
    const limiter = new AttemptLimiter(5, 60_000);
    const granted = Array.from({ length: 50 }, () => limiter.reserve('a', 0)).filter((wait) => wait === 0);
    expect(granted).toHaveLength(5);
    expect(limiter.reserve('a', 1_000)).toBe(59_000);
    limiter.succeed('a');
    expect(limiter.reserve('a', 1_000)).toBe(0);
  });

  it('forgets failures after a success', () => {
    const limiter = new AttemptLimiter(1, 60_000);
    limiter.fail('a', 0);
    limiter.succeed('a');
    expect(limiter.retryAfterMs('a', 1)).toBe(0);
  });
});

describe('passwords and secrets', () => {
  it('hashes with a salt and verifies only the right password', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$16384\$8\$1\$/);
    expect(hash).not.toBe(await hashPassword('correct horse battery'));
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  }, 30_000); // four scrypt hashes: seconds on a loaded machine

  it('compares secrets of any length', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
  });
});
