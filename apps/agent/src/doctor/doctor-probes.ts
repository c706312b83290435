import type { Executor } from '@sfha/exec';
import { clockOffsetMs, ICMP_OVERHEAD, MESH_MTU, nextPayloadProbe } from '@sfha/mesh';

/** The smallest payload a path must carry (IPv4's minimum reassembly size, less headers). */
const MIN_PAYLOAD = 548;
const PING_TIMEOUT_S = '1';

/** One ping with DF set (no fragmentation): did `payload` bytes cross to `ip` and back? */
async function pingDf(exec: Executor, ip: string, payload: number): Promise<boolean> {
  const result = await exec.run('ping', ['-n', '-q', '-M', 'do', '-s', String(payload), '-c', '1', '-W', PING_TIMEOUT_S, ip], { allowFailure: true, timeoutMs: 3_000 });
  return result.exitCode === 0;
}

/**
 * Whether `ip` answers through the tunnel, and the largest ICMP payload that crosses unfragmented
 * (a full mesh packet first: the common case costs one ping).
 */
export async function probePath(exec: Executor, ip: string): Promise<{ answers: boolean; largestPayload: number | null }> {
  const full = MESH_MTU - ICMP_OVERHEAD;
  if (await pingDf(exec, ip, full)) return { answers: true, largestPayload: full };
  if (!(await pingDf(exec, ip, MIN_PAYLOAD))) {
    // A lost packet is not a dead path: one more try before saying so.
    if (!(await pingDf(exec, ip, 56))) return { answers: false, largestPayload: null };
    return { answers: true, largestPayload: 56 };
  }
  let passed = MIN_PAYLOAD;
  let failed = full;
  for (let next = nextPayloadProbe(passed, failed); next !== null; next = nextPayloadProbe(passed, failed)) {
    if (await pingDf(exec, ip, next)) passed = next;
    else failed = next;
  }
  return { answers: true, largestPayload: passed };
}

/** A peer's clock minus ours, from its peer API's time route; null when it does not answer. */
export async function probeClock(url: string, timeoutMs = 1_500): Promise<number | null> {
  const sentAt = Date.now();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const receivedAt = Date.now();
    if (!response.ok) return null;
    const body = (await response.json()) as { now?: unknown };
    return typeof body.now === 'number' && Number.isFinite(body.now) ? clockOffsetMs(sentAt, body.now, receivedAt) : null;
  } catch {
    return null;
  }
}
