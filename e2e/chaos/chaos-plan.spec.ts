import { describe, expect, it } from 'vitest';
import {
  choose,
  failuresOutsideFaults,
  FAULT_TYPES,
  figuresByType,
  longestFailureStreak,
  longestOutage,
  median,
  parseChaosArgs,
  planFaults,
  Random,
  type FaultRecord,
  type Request,
} from './chaos-plan';

describe('Random', () => {
  it('gives the same stream for the same seed, another for another seed', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const take = (r: Random) => Array.from({ length: 5 }, () => r.next());
    const first = take(a);
    expect(take(b)).toEqual(first);
    expect(take(c)).not.toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const r = new Random(7);
    const seen = new Set(Array.from({ length: 500 }, () => r.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });
});

describe('planFaults', () => {
  it('replays the same plan for a seed and uses every fault type over a long run', () => {
    expect(planFaults(9, 50)).toEqual(planFaults(9, 50));
    expect(planFaults(9, 50)).not.toEqual(planFaults(10, 50));
    expect(new Set(planFaults(9, 200).map((f) => f.type))).toEqual(new Set(FAULT_TYPES));
  });

  it('meets every fault type in each round of seven, whatever the seed', () => {
    for (const seed of [1, 2, 3, 99]) {
      const plan = planFaults(seed, 21);
      for (let round = 0; round < 3; round++) expect(new Set(plan.slice(round * 7, round * 7 + 7).map((f) => f.type))).toEqual(new Set(FAULT_TYPES));
    }
  });

  it('draws only the types asked for, with holds of 2-8 s', () => {
    const plan = planFaults(1, 100, ['kill-host', 'pause-host']);
    expect(new Set(plan.map((f) => f.type))).toEqual(new Set(['kill-host', 'pause-host']));
    expect(plan.every((f) => f.holdMs >= 2_000 && f.holdMs <= 8_000 && f.flaps >= 2 && f.flaps <= 5)).toBe(true);
  });

  it('choose() maps [0, 1) onto the list', () => {
    expect(choose(['a', 'b', 'c'], 0)).toBe('a');
    expect(choose(['a', 'b', 'c'], 0.5)).toBe('b');
    expect(choose(['a', 'b', 'c'], 0.9999)).toBe('c');
    expect(() => choose([], 0.5)).toThrow('empty');
  });
});

const req = (at: number, ok: boolean, target = 'web'): Request => ({ at, target, ok });
const fault = (startedAt: number, recoveredAt: number | null, type: FaultRecord['type'] = 'kill-host'): FaultRecord => ({ type, target: 'node1', startedAt, recoveredAt });

describe('figures', () => {
  it('counts failures outside fault windows only, with slack for requests in flight', () => {
    const requests = [req(100, false), req(1_500, false), req(2_500, false), req(5_000, true), req(6_000, false)];
    expect(failuresOutsideFaults(requests, [fault(2_000, 4_000)], 10_000, 1_000)).toEqual([req(100, false), req(6_000, false)]);
    // A fault never recovered lasts until the end.
    expect(failuresOutsideFaults(requests, [fault(2_000, null)], 10_000, 1_000)).toEqual([req(100, false)]);
  });

  it('measures the longest outage of a target, from its first failure to the next success', () => {
    const requests = [req(0, true), req(100, false), req(200, false), req(900, true), req(1_000, false, 'api'), req(1_100, true, 'api')];
    expect(longestOutage(requests, 0, 2_000)).toBe(800);
    expect(longestOutage([req(100, false)], 0, 500)).toBe(400);
    expect(longestOutage([req(100, true)], 0, 500)).toBe(0);
  });

  it('finds the longest streak of consecutive failures of one target', () => {
    const requests = [req(0, false), req(1, false, 'api'), req(2, false), req(3, true), req(4, false)];
    expect(
      longestFailureStreak(
        requests,
        requests.filter((r) => !r.ok),
      ),
    ).toBe(2);
    expect(longestFailureStreak(requests, [])).toBe(0);
  });

  it('summarises per fault type: recovery median and max, unrecovered faults counted apart', () => {
    const figures = figuresByType([fault(0, 1_000), fault(0, 3_000), fault(0, 2_000), fault(0, null, 'pause-host')], [req(10, false), req(510, true)]);
    expect(figures).toEqual([
      { type: 'kill-host', count: 3, recovered: 3, recoveryMedianMs: 2_000, recoveryMaxMs: 3_000, outageMedianMs: 500, outageMaxMs: 500 },
      { type: 'pause-host', count: 1, recovered: 0, recoveryMedianMs: NaN, recoveryMaxMs: NaN, outageMedianMs: 0, outageMaxMs: 0 },
    ]);
    expect(median([3, 1, 2, 4])).toBe(2.5);
  });
});

describe('parseChaosArgs', () => {
  it('reads --faults, --seed, --nodes and --only', () => {
    expect(parseChaosArgs(['--faults', '5', '--seed', '12', '--nodes', '5', '--only', 'kill-host,flap-link'], 0)).toEqual({ faults: 5, seed: 12, nodes: 5, types: ['kill-host', 'flap-link'] });
    expect(parseChaosArgs([], 77)).toMatchObject({ faults: 20, seed: 77, nodes: 3 });
  });

  it('refuses bad input with one clear line', () => {
    expect(() => parseChaosArgs(['--faults', '0'], 0)).toThrow('--faults expects a whole number from 1 to 100000, got "0"');
    expect(() => parseChaosArgs(['--seed'], 0)).toThrow('--seed expects a whole number');
    expect(() => parseChaosArgs(['--nodes', '9'], 0)).toThrow('--nodes expects a whole number from 3 to 5');
    expect(() => parseChaosArgs(['--only', 'kill-all'], 0)).toThrow('--only expects fault types from kill-host');
    expect(() => parseChaosArgs(['--fast'], 0)).toThrow('unknown option "--fast"');
  });
});
