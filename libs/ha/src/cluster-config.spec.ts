import { describe, expect, it } from 'vitest';
import { applyChange, applySettings, changeProblems, DEFAULT_CLUSTER_CONFIG, highestCommitted, majority, settingsProblems } from './cluster-config';

describe('cluster config', () => {
  it('needs a majority of the members', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
  });

  it('validates settings, naming every problem', () => {
    expect(settingsProblems({ tokenMs: 1500 })).toEqual([]);
    expect(settingsProblems({ fenceStormLimit: 0 })).toEqual(['fenceStormLimit must be a whole number from 1 to 1000']);
    expect(settingsProblems({ tokenMs: 50, tokenCoefficientMs: -1 })).toEqual([
      'tokenMs must be a whole number of ms from 200 to 60000',
      'tokenCoefficientMs must be a whole number of ms from 0 to 5000',
    ]);
  });

  it('applies a patch without touching what it leaves out', () => {
    expect(applySettings(DEFAULT_CLUSTER_CONFIG, { tokenMs: 3000 }).settings).toEqual({ tokenMs: 3000, tokenCoefficientMs: 0, fenceStartupGraceMs: 60_000, fenceMinDelayMs: 60_000, fenceStormLimit: 3 });
  });

  it('picks the highest committed generation a new leader adopts', () => {
    const c = (generation: number) => ({ generation, config: DEFAULT_CLUSTER_CONFIG });
    expect(highestCommitted([c(2), null, c(5), c(3)])?.generation).toBe(5);
    expect(highestCommitted([null])).toBeNull();
  });
});

describe('config changes', () => {
  const device = { name: 'lab', agent: 'fence_sfha_lab', params: {}, hostMap: { node1: 'node1' }, timeoutSeconds: 30 };

  it('adds, replaces and removes fence devices', () => {
    const added = applyChange(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device });
    expect(added.fenceDevices).toEqual([device]);
    const replaced = applyChange(added, { kind: 'put-fence-device', device: { ...device, timeoutSeconds: 60 } });
    expect(replaced.fenceDevices?.map((d) => d.timeoutSeconds)).toEqual([60]);
    expect(applyChange(replaced, { kind: 'delete-fence-device', name: 'lab' }).fenceDevices).toEqual([]);
  });

  it('names the problems of a change', () => {
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device })).toEqual([]);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'put-fence-device', device: { ...device, name: 'Bad Name', agent: 'rm', hostMap: {}, timeoutSeconds: 0 } })).toEqual([
      'name must be 1-63 lowercase letters, digits, dashes or underscores',
      'agent must be a fence agent name (fence_…)',
      'hostMap must name at least one node and its plug',
      'timeoutSeconds must be from 1 to 600',
    ]);
    expect(changeProblems(DEFAULT_CLUSTER_CONFIG, { kind: 'delete-fence-device', name: 'nope' })).toEqual(['no fence device named nope']);
  });
});
