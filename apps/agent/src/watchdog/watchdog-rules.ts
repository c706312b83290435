import { WATCHDOG_TIMEOUT_BOUNDS_MS, type WatchdogAdvert } from '@sfha/ha';

/**
 * The agent's side of watchdog self-fencing, pure (the petting and arming rules themselves are
 * in libs/ha/src/watchdog.ts): which device, which timeout, and what to advertise.
 */

/** The device to arm: `auto` means /dev/watchdog when it is present, else none. */
export function resolveWatchdogDevice(setting: string | null, present: (path: string) => boolean): string | null {
  if (setting === null) return null;
  if (setting === 'auto') return present('/dev/watchdog') ? '/dev/watchdog' : null;
  return setting;
}

/** What kind of file a device path is (from stat), and whether it can be written. */
export interface DeviceFacts {
  exists: boolean;
  kind: 'character-device' | 'fifo' | 'other';
  writable: boolean;
}

/** Why a device path cannot be armed, said at boot in one line; null when it looks usable. Never opens it (opening arms). */
export function deviceProblem(path: string, facts: DeviceFacts): string | null {
  if (!facts.exists) return `${path} does not exist (load a watchdog driver, e.g. modprobe softdog, or fix --watchdog-device)`;
  if (facts.kind === 'other') return `${path} is not a watchdog device (neither a character device nor a FIFO)`;
  if (!facts.writable) return `${path} is not writable by the agent (run it as root)`;
  return null;
}

/**
 * The timeout to arm with. A character device enforces its own timeout (set with softdog's
 * soft_margin or `wdctl -s`): the agent advertises that one, never one it cannot enforce; a
 * device that does not say is refused. Another device (a FIFO read by a lab watchdog) is told
 * the cluster's timeout.
 */
export function armTimeout(clusterTimeoutMs: number, deviceTimeoutMs: number | null, kind: DeviceFacts['kind']): { ok: true; timeoutMs: number } | { ok: false; why: string } {
  if (kind !== 'character-device') return { ok: true, timeoutMs: clusterTimeoutMs };
  if (deviceTimeoutMs === null) return { ok: false, why: 'the device does not report its timeout (/sys/class/watchdog/*/timeout)' };
  const { min, max } = WATCHDOG_TIMEOUT_BOUNDS_MS;
  if (deviceTimeoutMs < min || deviceTimeoutMs > max)
    return { ok: false, why: `the device's timeout (${deviceTimeoutMs / 1000} s) is outside ${min / 1000}-${max / 1000} s (set it with wdctl -s SECONDS)` };
  return { ok: true, timeoutMs: deviceTimeoutMs };
}

/**
 * The advert this node should have in the replicated config, or null when the committed one is
 * right. Armed: the device and the larger of the armed and the wanted timeout (a longer timeout
 * is advertised before the device is given it, never after). Not armed: withdrawn if it was
 * advertised armed; nothing to say otherwise.
 */
export function advertToPropose(armed: { device: string; timeoutMs: number } | null, wantedTimeoutMs: number, committed: WatchdogAdvert | undefined): WatchdogAdvert | null {
  if (armed) {
    const timeoutMs = Math.max(armed.timeoutMs, wantedTimeoutMs);
    const want: WatchdogAdvert = { armed: true, timeoutMs, device: armed.device };
    return committed?.armed === true && committed.timeoutMs === timeoutMs && committed.device === armed.device ? null : want;
  }
  return committed?.armed ? { ...committed, armed: false } : null;
}

/**
 * The timeout the device may be given now: a shorter one at once (the advert only overstates
 * it meanwhile), a longer one only once the committed advert says at least that much.
 */
export function deviceTimeoutNow(armedTimeoutMs: number, wantedTimeoutMs: number, committed: WatchdogAdvert | undefined): number {
  if (wantedTimeoutMs <= armedTimeoutMs) return wantedTimeoutMs;
  return committed?.armed && committed.timeoutMs >= wantedTimeoutMs ? wantedTimeoutMs : armedTimeoutMs;
}

/** The line that tells the device its timeout. Any write pets a kernel watchdog; this one holds no 'V' (the magic-close byte). */
export function timeoutLine(timeoutMs: number): string {
  return `sfha-watchdog timeout=${timeoutMs / 1000}\n`;
}
