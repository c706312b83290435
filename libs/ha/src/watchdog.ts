/**
 * Watchdog self-fencing (docs/design.md §5, "Fencing without hardware"): when a node arms its
 * watchdog and when it pets it. Pure.
 *
 * The promise a node makes by advertising an armed watchdog: "if I am cut off from the
 * quorate partition, I either run nothing or my machine resets within my timeout". The
 * leader relies on it (watchdog-fence.ts) to count a departed owner as fenced after twice
 * that timeout.
 */

/** Bounds of the cluster's watchdog timeout: whole seconds, like the kernel's WDIOC_SETTIMEOUT. */
export const WATCHDOG_TIMEOUT_BOUNDS_MS = { min: 2_000, max: 120_000 } as const;
export const DEFAULT_WATCHDOG_TIMEOUT_MS = 5_000;

/** What a node tells the cluster about its watchdog (in the replicated config, node → advert). */
export interface WatchdogAdvert {
  armed: boolean;
  /** The timeout the device was armed with (ms). */
  timeoutMs: number;
  /** The device path, for the admin (e.g. /dev/watchdog). */
  device: string;
}

export function watchdogTimeoutProblem(value: unknown): string | null {
  const { min, max } = WATCHDOG_TIMEOUT_BOUNDS_MS;
  if (typeof value !== 'number' || !Number.isInteger(value) || value % 1000 !== 0 || value < min || value > max) {
    return `watchdogTimeoutMs must be a whole number of seconds (in ms) from ${min} to ${max}`;
  }
  return null;
}

/** What the petting rule looks at, on this node, now. */
export interface PetInput {
  now: number;
  /** When the HA engine's loop last made progress (a tick began or ended). */
  loopProgressAt: number;
  /** The loop counts as hung once it made no progress for this long. */
  loopStallMs: number;
  quorate: boolean;
  /** Nothing of any group runs here (a resource whose stop failed, or whose state cannot be read, counts as running). */
  runsNothing: boolean;
}

export type PetDecision = { pet: true; why: string } | { pet: false; why: string };

/**
 * Pet only while this node is safe: its loop is alive AND (it is quorate OR it runs nothing).
 * A node that loses quorum stops everything at once; while something still runs there it is
 * not petted, so a stop that hangs ends in a reset within the timeout. A node that runs
 * nothing keeps petting without quorum: resetting it would protect nothing.
 *
 * The whole-mesh outage (every link down at once) follows: every node loses quorum and stops
 * its groups at once; once it runs nothing it keeps petting, so no node resets. Only a node
 * whose stop does not finish within its timeout resets (it might still hold a VIP). The groups
 * run nowhere until the links come back and a quorate partition re-forms and places them again.
 */
export function petDecision(input: PetInput): PetDecision {
  const stalled = input.now - input.loopProgressAt;
  if (stalled > input.loopStallMs) return { pet: false, why: `the HA loop made no progress for ${Math.round(stalled / 1000)} s` };
  if (input.quorate) return { pet: true, why: 'quorate' };
  if (input.runsNothing) return { pet: true, why: 'no quorum, but nothing runs here' };
  return { pet: false, why: 'no quorum and resources still run here' };
}

/** What the arming rule looks at. */
export interface ArmInput {
  /** A device path was given or found (`--watchdog-device`, /dev/watchdog). */
  deviceConfigured: boolean;
  /** This agent has been in a quorate membership of its cluster since it started. */
  joinedQuorateCluster: boolean;
}

export type ArmDecision = { arm: true } | { arm: false; why: string };

/**
 * A node arms its watchdog only once it has joined a quorate cluster (never at boot, alone,
 * or before its first join: Proxmox users' reset loops).
 */
export function armDecision(input: ArmInput): ArmDecision {
  if (!input.deviceConfigured) return { arm: false, why: 'no watchdog device' };
  if (!input.joinedQuorateCluster) return { arm: false, why: 'not yet in a quorate cluster' };
  return { arm: true };
}

/** How often to pet: several times per timeout, at most every second. */
export function petIntervalMs(timeoutMs: number): number {
  return Math.min(1_000, Math.floor(timeoutMs / 4));
}
