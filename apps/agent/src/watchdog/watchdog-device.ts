import { accessSync, closeSync, constants, openSync, readFileSync, realpathSync, statSync, writeSync } from 'node:fs';
import { basename } from 'node:path';
import type { DeviceFacts } from './watchdog-rules';

/** An open watchdog device: every write pets it; 'V' then close disarms it (magic close). */
export interface WatchdogHandle {
  /** Writes the bytes; false when the device did not take them (the caller says so, and the timer runs on). */
  write(bytes: string): boolean;
  /** 'V' then close: the watchdog stops (unless the driver was built with nowayout). */
  magicClose(): void;
}

/**
 * The only file that touches the watchdog device. It never knows what is behind the path (a
 * kernel watchdog, or the lab's FIFO): it opens it for writing and writes bytes, as
 * /dev/watchdog's protocol says. Nothing here runs at boot except `facts` (a stat, never an open:
 * opening a kernel watchdog arms it).
 */
export interface WatchdogDeviceDriver {
  facts(path: string): DeviceFacts;
  /** The timeout a character device enforces, from sysfs (ms), or null when it does not say. */
  deviceTimeoutMs(path: string): number | null;
  /** Opens for writing, non-blocking (a FIFO with no reader fails at once rather than hang the agent). */
  open(path: string): WatchdogHandle;
}

export const WATCHDOG_DEVICE_DRIVER = Symbol('WATCHDOG_DEVICE_DRIVER');

export function createWatchdogDeviceDriver(): WatchdogDeviceDriver {
  return {
    facts(path) {
      try {
        const stat = statSync(path);
        let writable = true;
        try {
          accessSync(path, constants.W_OK);
        } catch {
          writable = false;
        }
        return { exists: true, kind: stat.isCharacterDevice() ? 'character-device' : stat.isFIFO() ? 'fifo' : 'other', writable };
      } catch {
        return { exists: false, kind: 'other', writable: false };
      }
    },
    deviceTimeoutMs(path) {
      // /dev/watchdog is watchdog0's legacy node; /dev/watchdogN has /sys/class/watchdog/watchdogN.
      let name = basename(realpathSync(path));
      if (name === 'watchdog') name = 'watchdog0';
      try {
        const seconds = Number(readFileSync(`/sys/class/watchdog/${name}/timeout`, 'utf8').trim());
        return Number.isInteger(seconds) && seconds > 0 ? seconds * 1000 : null;
      } catch {
        return null;
      }
    },
    open(path) {
      // Node opens with O_CLOEXEC: no command the agent runs inherits the device (a child holding it would keep it armed).
      const fd = openSync(path, constants.O_WRONLY | constants.O_NONBLOCK);
      let open = true;
      return {
        write(bytes) {
          if (!open) return false;
          try {
            return writeSync(fd, bytes) > 0;
          } catch {
            return false;
          }
        },
        magicClose() {
          if (!open) return;
          try {
            writeSync(fd, 'V');
          } finally {
            open = false;
            closeSync(fd);
          }
        },
      };
    },
  };
}
