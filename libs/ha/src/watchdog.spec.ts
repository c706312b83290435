import { describe, expect, it } from 'vitest';
import { armDecision, DEFAULT_WATCHDOG_TIMEOUT_MS, petDecision, petIntervalMs, watchdogTimeoutProblem, type PetInput } from './watchdog';

const base: PetInput = { now: 100_000, loopProgressAt: 99_500, loopStallMs: 30_000, quorate: true, runsNothing: false };

describe('petting rule: loop alive AND (quorate OR runs nothing)', () => {
  it('pets a quorate node whose loop is alive, whatever it runs', () => {
    expect(petDecision(base)).toMatchObject({ pet: true });
    expect(petDecision({ ...base, runsNothing: true })).toMatchObject({ pet: true });
  });

  it('stops petting a node without quorum that still runs something', () => {
    expect(petDecision({ ...base, quorate: false })).toEqual({ pet: false, why: 'no quorum and resources still run here' });
  });

  it('keeps petting a node without quorum that runs nothing', () => {
    expect(petDecision({ ...base, quorate: false, runsNothing: true })).toMatchObject({ pet: true });
  });

  it('stops petting when the loop is stalled, even quorate and idle', () => {
    expect(petDecision({ ...base, loopProgressAt: 60_000, runsNothing: true })).toEqual({ pet: false, why: 'the HA loop made no progress for 40 s' });
    expect(petDecision({ ...base, loopProgressAt: 70_000 })).toMatchObject({ pet: true });
  });
});

describe('arming rule', () => {
  it('never arms before this node has joined a quorate cluster', () => {
    expect(armDecision({ deviceConfigured: true, joinedQuorateCluster: false })).toEqual({ arm: false, why: 'not yet in a quorate cluster' });
    expect(armDecision({ deviceConfigured: true, joinedQuorateCluster: true })).toEqual({ arm: true });
  });

  it('arms nothing without a device', () => {
    expect(armDecision({ deviceConfigured: false, joinedQuorateCluster: true })).toMatchObject({ arm: false });
  });
});

describe('watchdog timeout', () => {
  it('defaults to 5 s and is bounded to whole seconds from 2 to 120', () => {
    expect(DEFAULT_WATCHDOG_TIMEOUT_MS).toBe(5_000);
    expect(watchdogTimeoutProblem(5_000)).toBeNull();
    expect(watchdogTimeoutProblem(2_000)).toBeNull();
    expect(watchdogTimeoutProblem(120_000)).toBeNull();
    for (const bad of [1_000, 121_000, 2_500, -5_000, '5000', Number.NaN]) expect(watchdogTimeoutProblem(bad)).toMatch(/from 2000 to 120000/);
  });

  it('is petted several times per timeout', () => {
    expect(petIntervalMs(5_000)).toBe(1_000);
    expect(petIntervalMs(2_000)).toBe(500);
  });
});

/**
 * A scenario over time: each node pets by the rule every interval; a watchdog resets its machine
 * when it was not petted for its timeout. Returns the nodes reset, and when.
 */
function simulate(nodes: { name: string; quorateUntil: number; stopsAfterMs: number | null; loopHangsAt?: number }[], timeoutMs: number, horizonMs: number) {
  const lastPet = new Map(nodes.map((n) => [n.name, 0]));
  const reset = new Map<string, number>();
  for (let t = 0; t <= horizonMs; t += petIntervalMs(timeoutMs)) {
    for (const n of nodes) {
      if (reset.has(n.name)) continue;
      const quorate = t < n.quorateUntil;
      const runsNothing = n.stopsAfterMs !== null && t >= n.quorateUntil + n.stopsAfterMs;
      const loopProgressAt = n.loopHangsAt !== undefined && t >= n.loopHangsAt ? n.loopHangsAt : t;
      if (petDecision({ now: t, loopProgressAt, loopStallMs: 3_000, quorate, runsNothing }).pet) lastPet.set(n.name, t);
      if (t - (lastPet.get(n.name) ?? 0) >= timeoutMs) reset.set(n.name, t);
    }
  }
  return reset;
}

describe('scenarios', () => {
  it('whole-mesh outage: every node loses quorum and stops its groups, nobody resets', () => {
    const nodes = ['node1', 'node2', 'node3'].map((name, k) => ({ name, quorateUntil: 10_000, stopsAfterMs: 300 + k * 1_000 }));
    expect([...simulate(nodes, 5_000, 120_000).keys()]).toEqual([]);
  });

  it('whole-mesh outage: only the node whose stop hangs resets, within its timeout', () => {
    const nodes = [
      { name: 'node1', quorateUntil: 10_000, stopsAfterMs: 500 },
      { name: 'node2', quorateUntil: 10_000, stopsAfterMs: null },
      { name: 'node3', quorateUntil: 10_000, stopsAfterMs: 800 },
    ];
    const reset = simulate(nodes, 5_000, 120_000);
    expect([...reset.keys()]).toEqual(['node2']);
    expect(reset.get('node2')).toBeLessThanOrEqual(10_000 + 5_000);
  });

  it('a partitioned owner stops at once and keeps petting; a slow stop past the timeout resets it', () => {
    expect(simulate([{ name: 'owner', quorateUntil: 10_000, stopsAfterMs: 4_000 }], 5_000, 60_000).size).toBe(0);
    // Last pet just before quorum was lost (9 s), reset 5 s later.
    expect(simulate([{ name: 'owner', quorateUntil: 10_000, stopsAfterMs: 6_000 }], 5_000, 60_000).get('owner')).toBe(14_000);
  });

  it('a hung agent (loop stalled) resets a quorate node', () => {
    const reset = simulate([{ name: 'owner', quorateUntil: Infinity, stopsAfterMs: null, loopHangsAt: 20_000 }], 5_000, 60_000);
    expect(reset.get('owner')).toBeLessThanOrEqual(20_000 + 3_000 + 5_000 + 1_000);
  });
});
