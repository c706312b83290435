import { describe, expect, it } from 'vitest';
import { serialLoop } from './serial-loop';

describe('serial loop', () => {
  it('never overlaps runs, reports errors, and stops', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const errors: string[] = [];
    const stop = serialLoop(
      5,
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        runs++;
        await new Promise((resolve) => setTimeout(resolve, 15));
        running--;
        if (runs === 2) throw new Error('boom');
      },
      (e) => errors.push(e.message),
    );
    await new Promise((resolve) => setTimeout(resolve, 120));
    stop();
    const after = runs;
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual(['boom']);
    expect(runs - after).toBeLessThanOrEqual(1);
  });
});
