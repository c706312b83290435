import { describe, expect, it } from 'vitest';
import { PeerHistory } from './peer-history';

describe('peer link history', () => {
  it('turns WireGuard counters into rates between samples, the first one without a rate', () => {
    const history = new PeerHistory(10);
    history.record(0, [{ name: 'node2', rttMs: 1.5, rxBytes: 1_000, txBytes: 500 }]);
    history.record(30_000, [{ name: 'node2', rttMs: 2, rxBytes: 31_000, txBytes: 3_500 }]);
    expect(history.series('node2')).toEqual([
      { at: 0, rttMs: 1.5, rxPerSecond: null, txPerSecond: null },
      { at: 30_000, rttMs: 2, rxPerSecond: 1_000, txPerSecond: 100 },
    ]);
  });

  it('keeps the last samples only, a probe without answer as null, and no rate across a counter reset', () => {
    const history = new PeerHistory(2);
    history.record(0, [{ name: 'node2', rttMs: 1, rxBytes: 9_000, txBytes: 9_000 }]);
    history.record(30_000, [{ name: 'node2', rttMs: null, rxBytes: 9_000, txBytes: 9_000 }]);
    history.record(60_000, [{ name: 'node2', rttMs: 3, rxBytes: 100, txBytes: 100 }]);
    expect(history.series('node2')).toEqual([
      { at: 30_000, rttMs: null, rxPerSecond: 0, txPerSecond: 0 },
      { at: 60_000, rttMs: 3, rxPerSecond: null, txPerSecond: null },
    ]);
  });

  it('forgets a peer that left the mesh', () => {
    const history = new PeerHistory(5);
    history.record(0, [
      { name: 'node2', rttMs: 1, rxBytes: 0, txBytes: 0 },
      { name: 'node3', rttMs: 1, rxBytes: 0, txBytes: 0 },
    ]);
    history.record(30_000, [{ name: 'node2', rttMs: 1, rxBytes: 0, txBytes: 0 }]);
    expect(history.series('node3')).toEqual([]);
    expect(history.series('node2')).toHaveLength(2);
  });
});
