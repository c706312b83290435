/**
 * The lab watchdog: what /dev/watchdog is to a real machine, for each lab host, without ever
 * touching the machine's own watchdog (never opened, softdog never loaded).
 *   node --import tsx lab-watchdog.ts node1 node2 …
 * Each host has a FIFO at /run/sfha-lab-watchdog inside it (LAB_WATCHDOG_PATH), the agent's
 * --watchdog-device there. Like the kernel's watchdog: a writer's open arms it, every byte
 * pets it, `timeout=N` in what is written sets its timeout (default 60 s, softdog's), and 'V'
 * as the last byte before close disarms it (magic close). A close without it (the agent
 * killed) leaves it armed. Not petted within its timeout: the host is powered off through the
 * lab's power controller (lab-power.ts), as a reset would. Runs in the bridge namespace (with
 * the machine's mounts), outside every host, so pausing or killing a host never stops it.
 * Writes one JSON line per event to LAB_DIR/watchdog.log: armed, timeout, disarmed, closed, fired.
 */
import { appendFileSync, createReadStream } from 'node:fs';
import { join } from 'node:path';
import { BRIDGE_IP, LAB_DIR, labWatchdogFifo, POWER_PORT } from './lab-layout';

const DEFAULT_TIMEOUT_MS = 60_000;
const CHECK_MS = 50;
const LOG = join(LAB_DIR, 'watchdog.log');

interface Dog {
  host: string;
  armed: boolean;
  lastPetAt: number;
  timeoutMs: number;
  lastByte: string;
}

const log = (host: string, event: string, fields: Record<string, unknown> = {}) => appendFileSync(LOG, `${JSON.stringify({ at: new Date().toISOString(), host, event, ...fields })}\n`);

function watch(dog: Dog): void {
  // A blocking open in libuv's pool: it returns when a writer (the host's agent) opens the FIFO.
  const stream = createReadStream(labWatchdogFifo(dog.host));
  let pending = '';
  stream.on('open', () => {
    dog.armed = true;
    dog.lastPetAt = Date.now();
    dog.lastByte = '';
    log(dog.host, 'armed', { timeoutMs: dog.timeoutMs });
  });
  stream.on('data', (chunk: Buffer | string) => {
    const text = chunk.toString();
    dog.lastPetAt = Date.now();
    dog.lastByte = text.at(-1) ?? dog.lastByte;
    pending = (pending + text).slice(-200);
    for (const match of pending.matchAll(/timeout=(\d+)\n/g)) {
      const timeoutMs = Number(match[1]) * 1000;
      if (timeoutMs !== dog.timeoutMs) log(dog.host, 'timeout', { timeoutMs });
      dog.timeoutMs = timeoutMs;
    }
    pending = pending.replace(/[^\n]*\n/g, '');
  });
  stream.on('error', (error) => log(dog.host, 'error', { message: error.message }));
  stream.on('close', () => {
    if (dog.armed && dog.lastByte === 'V') {
      dog.armed = false;
      log(dog.host, 'disarmed');
    } else if (dog.armed) log(dog.host, 'closed', { stillArmed: true });
    setTimeout(() => watch(dog), 50);
  });
}

async function fire(dog: Dog): Promise<void> {
  const late = Date.now() - dog.lastPetAt;
  dog.armed = false;
  log(dog.host, 'fired', { notPettedMs: late, timeoutMs: dog.timeoutMs });
  const res = await fetch(`http://${BRIDGE_IP}:${POWER_PORT}/power/${dog.host}/off`, { method: 'POST', signal: AbortSignal.timeout(10_000) }).catch((error: Error) => error);
  log(dog.host, 'powered-off', res instanceof Error ? { error: res.message } : { status: res.status });
}

const dogs: Dog[] = process.argv.slice(2).map((host) => ({ host, armed: false, lastPetAt: 0, timeoutMs: DEFAULT_TIMEOUT_MS, lastByte: '' }));
dogs.forEach(watch);
setInterval(() => {
  for (const dog of dogs) if (dog.armed && Date.now() - dog.lastPetAt > dog.timeoutMs) void fire(dog);
}, CHECK_MS);
process.on('SIGTERM', () => process.exit(0));
