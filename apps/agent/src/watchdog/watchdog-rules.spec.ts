import { describe, expect, it } from 'vitest';
import { advertToPropose, armTimeout, deviceProblem, deviceTimeoutNow, resolveWatchdogDevice, timeoutLine } from './watchdog-rules';

describe('watchdog device and advert rules', () => {
  it('auto means /dev/watchdog only when it is present; none is none; a path is itself', () => {
    expect(resolveWatchdogDevice('auto', () => true)).toBe('/dev/watchdog');
    expect(resolveWatchdogDevice('auto', () => false)).toBeNull();
    expect(resolveWatchdogDevice(null, () => true)).toBeNull();
    expect(resolveWatchdogDevice('/run/wd', () => false)).toBe('/run/wd');
  });

  it('says why a device cannot be used, without opening it', () => {
    expect(deviceProblem('/dev/nope', { exists: false, kind: 'other', writable: false })).toMatch(/does not exist/);
    expect(deviceProblem('/etc/hosts', { exists: true, kind: 'other', writable: true })).toMatch(/not a watchdog device/);
    expect(deviceProblem('/dev/watchdog', { exists: true, kind: 'character-device', writable: false })).toMatch(/not writable/);
    expect(deviceProblem('/run/wd', { exists: true, kind: 'fifo', writable: true })).toBeNull();
  });

  it("advertises a character device's own timeout, refuses one it cannot read or out of bounds; tells a FIFO the cluster's", () => {
    expect(armTimeout(5_000, 60_000, 'character-device')).toEqual({ ok: true, timeoutMs: 60_000 });
    expect(armTimeout(5_000, null, 'character-device').ok).toBe(false);
    expect(armTimeout(5_000, 600_000, 'character-device').ok).toBe(false);
    expect(armTimeout(5_000, null, 'fifo')).toEqual({ ok: true, timeoutMs: 5_000 });
  });

  it('advertises armed after arming, withdraws after disarming, and says nothing when the committed advert is right', () => {
    const armed = { device: '/run/wd', timeoutMs: 5_000 };
    expect(advertToPropose(armed, 5_000, undefined)).toEqual({ armed: true, timeoutMs: 5_000, device: '/run/wd' });
    expect(advertToPropose(armed, 5_000, { armed: true, timeoutMs: 5_000, device: '/run/wd' })).toBeNull();
    expect(advertToPropose(null, 5_000, { armed: true, timeoutMs: 5_000, device: '/run/wd' })).toEqual({ armed: false, timeoutMs: 5_000, device: '/run/wd' });
    expect(advertToPropose(null, 5_000, undefined)).toBeNull();
    expect(advertToPropose(null, 5_000, { armed: false, timeoutMs: 5_000, device: '/run/wd' })).toBeNull();
  });

  it('never lets the device run a longer timeout than the committed advert says', () => {
    const armed = { device: '/run/wd', timeoutMs: 5_000 };
    // Raised to 10 s: the advert says 10 s first, the device follows once that is committed.
    expect(advertToPropose(armed, 10_000, { armed: true, timeoutMs: 5_000, device: '/run/wd' })).toMatchObject({ timeoutMs: 10_000 });
    expect(deviceTimeoutNow(5_000, 10_000, { armed: true, timeoutMs: 5_000, device: '/run/wd' })).toBe(5_000);
    expect(deviceTimeoutNow(5_000, 10_000, { armed: true, timeoutMs: 10_000, device: '/run/wd' })).toBe(10_000);
    // Lowered: the device at once, the advert follows.
    expect(deviceTimeoutNow(10_000, 5_000, { armed: true, timeoutMs: 10_000, device: '/run/wd' })).toBe(5_000);
    expect(advertToPropose({ device: '/run/wd', timeoutMs: 5_000 }, 5_000, { armed: true, timeoutMs: 10_000, device: '/run/wd' })).toMatchObject({ timeoutMs: 5_000 });
  });

  it('tells the timeout in a line with no magic-close byte', () => {
    expect(timeoutLine(5_000)).toBe('sfha-watchdog timeout=5\n');
    expect(timeoutLine(120_000)).not.toMatch(/V/);
  });
});
