import { describe, expect, it } from 'vitest';
import { ADDRESS_LIMIT, LoginLimits, USER_LIMIT, type LoginSignal } from './login-limits';

const T = 1_000_000;
const failed = (over: Partial<LoginSignal>): LoginSignal => ({ route: 'login', outcome: 'failed', ip: '198.51.100.7', user: 'alice', at: T, totpStep: null, ...over });

describe('login limits', () => {
  it('throttles an address on one route after 5 failures for a minute, not its other routes', () => {
    const limits = new LoginLimits();
    for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) expect(limits.reserve('local', '127.0.0.1', null, T + i)).toBeNull();
    expect(limits.reserve('local', '127.0.0.1', null, T + 10)).toMatchObject({ scope: 'address' });
    // Junk on the local route does not lock the password login of the same address.
    expect(limits.wait('login', '127.0.0.1', 'admin', T + 10)).toBeNull();
    expect(limits.wait('local', '127.0.0.1', null, T + ADDRESS_LIMIT.windowMs + 5)).toBeNull();
  });

  it('locks a user after 10 failures from any addresses for 15 minutes, whatever the address then', () => {
    const limits = new LoginLimits();
    for (let i = 0; i < USER_LIMIT.maxFailures; i++) expect(limits.reserve('login', `198.51.100.${i}`, 'alice', T + i)).toBeNull();
    expect(limits.userLocked('alice', T + 20)).toBe(true);
    const wait = limits.wait('login', '203.0.113.9', 'alice', T + 20);
    expect(wait?.scope).toBe('user');
    expect(wait?.ms).toBe(USER_LIMIT.windowMs - 20);
    expect(limits.wait('login', '203.0.113.9', 'bob', T + 20)).toBeNull();
    expect(limits.wait('login', '203.0.113.9', 'alice', T + USER_LIMIT.windowMs + 10)).toBeNull();
  });

  it('a success ends the count of its address and user; a reservation it undoes never counted', () => {
    const limits = new LoginLimits();
    for (let i = 0; i < 4; i++) limits.reserve('login', '198.51.100.7', 'alice', T);
    limits.succeed('login', '198.51.100.7', 'alice');
    for (let i = 0; i < 4; i++) expect(limits.reserve('login', '198.51.100.7', 'alice', T)).toBeNull();
  });

  it("applies the other members' signals: their failures count here, a clock ahead counts as now", () => {
    const limits = new LoginLimits();
    for (let i = 0; i < USER_LIMIT.maxFailures; i++) limits.apply(failed({ ip: null, at: T + 3_600_000 }), T);
    expect(limits.wait('login', '127.0.0.1', 'alice', T + 1)?.ms).toBe(USER_LIMIT.windowMs - 1);
    limits.apply(failed({ outcome: 'succeeded', ip: null }), T + 2);
    expect(limits.wait('login', '127.0.0.1', 'alice', T + 2)).toBeNull();
    for (let i = 0; i < ADDRESS_LIMIT.maxFailures; i++) limits.apply(failed({ user: null }), T);
    expect(limits.wait('login', '198.51.100.7', null, T + 1)?.scope).toBe('address');
  });

  it('keeps the latest TOTP step per user, from here or from a signal', () => {
    const limits = new LoginLimits();
    expect(limits.lastTotpStep('alice')).toBeNull();
    limits.rememberTotpStep('alice', 100);
    limits.apply(failed({ outcome: 'succeeded', totpStep: 99 }), T);
    expect(limits.lastTotpStep('alice')).toBe(100);
    limits.apply(failed({ outcome: 'succeeded', totpStep: 101 }), T);
    expect(limits.lastTotpStep('alice')).toBe(101);
  });
});
