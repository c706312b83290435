/**
 * The chaos suite's pure parts: the seeded random source, the plan of faults, the figures.
 * Everything random in a run comes from one `Random` made from the seed, so a seed replays
 * the same faults on the same targets in the same order.
 */

export const FAULT_TYPES = ['kill-host', 'kill-agent', 'kill-corosync', 'partition-minority', 'partition-leader', 'flap-link', 'pause-host'] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** mulberry32: small, fast, good enough to pick faults; the same seed gives the same stream. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
}

export interface PlannedFault {
  index: number;
  type: FaultType;
  /** Which host, as an index into the sorted hosts the fault can hit (resolved when it runs). */
  targetPick: number;
  /** How long a timed fault lasts (partition, pause, flap), ms. */
  holdMs: number;
  /** A flapping link: how many down/up cycles. */
  flaps: number;
  /** Which node a configuration commit goes through, picked the same way. */
  commitPick: number;
}

/** The items in a random order (Fisher-Yates). */
function shuffled<T>(items: readonly T[], random: Random): T[] {
  const out = [...items];
  for (let k = out.length - 1; k > 0; k--) {
    const j = random.int(0, k);
    [out[k], out[j]] = [out[j] as T, out[k] as T];
  }
  return out;
}

/**
 * The faults of a run, decided up front from the seed (targets that depend on the leader
 * are resolved at run time). Types come in shuffled rounds of every type, so a short run
 * still meets each one.
 */
export function planFaults(seed: number, count: number, types: readonly FaultType[] = FAULT_TYPES): PlannedFault[] {
  const random = new Random(seed);
  const order: FaultType[] = [];
  while (order.length < count) order.push(...shuffled(types, random));
  return Array.from({ length: count }, (_, index) => ({
    index,
    type: order[index] as FaultType,
    targetPick: random.next(),
    holdMs: random.int(2_000, 8_000),
    flaps: random.int(2, 5),
    commitPick: random.next(),
  }));
}

/** The element `pick` (in [0, 1)) designates. */
export const choose = <T>(items: readonly T[], pick: number): T => {
  if (items.length === 0) throw new Error('choose from an empty list');
  return items[Math.min(items.length - 1, Math.floor(pick * items.length))] as T;
};

export interface FaultRecord {
  type: FaultType;
  target: string;
  startedAt: number;
  /** When the cluster was whole again (null: it never was, within the limit). */
  recoveredAt: number | null;
}

export interface Request {
  at: number;
  target: string;
  ok: boolean;
}

/**
 * Requests that failed while no fault was under way. A fault's window runs from its start
 * (less `slackMs`: a request already in flight when it struck) to its recovery.
 */
export function failuresOutsideFaults(requests: readonly Request[], faults: readonly FaultRecord[], end: number, slackMs = 1_000): Request[] {
  const windows = faults.map((f) => [f.startedAt - slackMs, f.recoveredAt ?? end] as const);
  return requests.filter((r) => !r.ok && !windows.some(([from, to]) => r.at >= from && r.at <= to));
}

/** The longest streak of consecutive failures of one target among `requests` (all targets' requests, in time order). */
export function longestFailureStreak(requests: readonly Request[], failures: readonly Request[]): number {
  const failed = new Set(failures);
  const streaks = new Map<string, number>();
  let longest = 0;
  for (const r of requests) {
    const streak = failed.has(r) ? (streaks.get(r.target) ?? 0) + 1 : 0;
    streaks.set(r.target, streak);
    longest = Math.max(longest, streak);
  }
  return longest;
}

/** The longest run of failed requests to one target inside [from, to], ms from its first failure to the next success. */
export function longestOutage(requests: readonly Request[], from: number, to: number): number {
  let longest = 0;
  const byTarget = new Map<string, Request[]>();
  for (const r of requests) if (r.at >= from && r.at <= to) byTarget.set(r.target, [...(byTarget.get(r.target) ?? []), r]);
  for (const list of byTarget.values()) {
    let failingSince: number | null = null;
    for (const r of list) {
      if (!r.ok && failingSince === null) failingSince = r.at;
      if (r.ok && failingSince !== null) {
        longest = Math.max(longest, r.at - failingSince);
        failingSince = null;
      }
    }
    if (failingSince !== null) longest = Math.max(longest, to - failingSince);
  }
  return longest;
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length === 0 ? NaN : s.length % 2 ? (s[mid] ?? NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

export interface TypeFigures {
  type: FaultType;
  count: number;
  recovered: number;
  recoveryMedianMs: number;
  recoveryMaxMs: number;
  outageMedianMs: number;
  outageMaxMs: number;
}

/** Per fault type: how many, how long until the cluster was whole again, the longest client outage. */
export function figuresByType(faults: readonly FaultRecord[], requests: readonly Request[]): TypeFigures[] {
  return FAULT_TYPES.flatMap((type) => {
    const ofType = faults.filter((f) => f.type === type);
    if (ofType.length === 0) return [];
    const recoveries = ofType.flatMap((f) => (f.recoveredAt === null ? [] : [f.recoveredAt - f.startedAt]));
    const outages = ofType.map((f) => longestOutage(requests, f.startedAt, f.recoveredAt ?? f.startedAt));
    return [
      {
        type,
        count: ofType.length,
        recovered: recoveries.length,
        recoveryMedianMs: Math.round(median(recoveries)),
        recoveryMaxMs: recoveries.length ? Math.max(...recoveries) : NaN,
        outageMedianMs: Math.round(median(outages)),
        outageMaxMs: Math.max(...outages),
      },
    ];
  });
}

export interface ChaosOptions {
  faults: number;
  seed: number;
  nodes: number;
  types: FaultType[];
}

/** `--faults N --seed S [--nodes 3|4|5] [--only type,type]`; throws one clear line on bad input. */
export function parseChaosArgs(argv: readonly string[], defaultSeed: number): ChaosOptions {
  const options: ChaosOptions = { faults: 20, seed: defaultSeed, nodes: 3, types: [...FAULT_TYPES] };
  for (let k = 0; k < argv.length; k++) {
    const flag = argv[k] ?? '';
    const value = argv[k + 1];
    const whole = (min: number, max: number) => {
      const n = Number(value);
      if (value === undefined || !Number.isInteger(n) || n < min || n > max) throw new Error(`${flag} expects a whole number from ${min} to ${max}, got "${value ?? ''}"`);
      k++;
      return n;
    };
    if (flag === '--faults') options.faults = whole(1, 100_000);
    else if (flag === '--seed') options.seed = whole(0, 2 ** 32 - 1);
    else if (flag === '--nodes') options.nodes = whole(3, 5);
    else if (flag === '--only') {
      const types = (value ?? '').split(',').filter(Boolean);
      const unknown = types.filter((t) => !(FAULT_TYPES as readonly string[]).includes(t));
      if (types.length === 0 || unknown.length > 0) throw new Error(`--only expects fault types from ${FAULT_TYPES.join(', ')}, got "${value ?? ''}"`);
      options.types = types as FaultType[];
      k++;
    } else throw new Error(`unknown option "${flag}" (options: --faults N --seed S --nodes 3-5 --only TYPE,…)`);
  }
  return options;
}
