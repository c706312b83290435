import { describe, expect, it } from 'vitest';
import { applySettings, DEFAULT_CLUSTER_CONFIG, highestCommitted, majority, settingsProblems } from './cluster-config';

describe('cluster config', () => {
  it('needs a majority of the members', () => {
    expect([1, 2, 3, 4, 5].map(majority)).toEqual([1, 2, 2, 3, 3]);
  });

  it('validates settings, naming every problem', () => {
    expect(settingsProblems({ tokenMs: 1500 })).toEqual([]);
    expect(settingsProblems({ tokenMs: 50, tokenCoefficientMs: -1 })).toEqual([
      'tokenMs must be a whole number of ms from 200 to 60000',
      'tokenCoefficientMs must be a whole number of ms from 0 to 5000',
    ]);
  });

  it('applies a patch without touching what it leaves out', () => {
    expect(applySettings(DEFAULT_CLUSTER_CONFIG, { tokenMs: 3000 }).settings).toEqual({ tokenMs: 3000, tokenCoefficientMs: 0 });
  });

  it('picks the highest committed generation a new leader adopts', () => {
    const c = (generation: number) => ({ generation, config: DEFAULT_CLUSTER_CONFIG });
    expect(highestCommitted([c(2), null, c(5), c(3)])?.generation).toBe(5);
    expect(highestCommitted([null])).toBeNull();
  });
});
