import { describe, expect, it } from 'vitest';
import { serialLoop } from './serial-loop';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('serial loop', () => {
  it('never overlaps runs, reports errors, and stops', async () => {
    let running = 0;
    let maxRunning = 0;
    let runs = 0;
    const errors: string[] = [];
    const loop = serialLoop(
      5,
      async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        runs++;
        await sleep(15);
        running--;
        if (runs === 2) throw new Error('boom');
      },
      (e) => errors.push(e.message),
    );
    await sleep(120);
    loop.stop();
    const after = runs;
    await sleep(60);
    expect(maxRunning).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(errors).toEqual(['boom']);
    expect(runs - after).toBeLessThanOrEqual(1);
  });

  it('wake runs at once when idle, and once more right after a run in progress', async () => {
    const started: number[] = [];
    const loop = serialLoop(
      10_000,
      async () => {
        started.push(Date.now());
        await sleep(30);
      },
      () => undefined,
    );
    await sleep(50); // the first run is over; the next is 10 s away
    expect(started).toHaveLength(1);
    loop.wake();
    await sleep(5);
    expect(started).toHaveLength(2); // woken while idle: runs now
    loop.wake();
    loop.wake(); // woken twice while running: one more run, not two
    await sleep(100);
    loop.stop();
    expect(started).toHaveLength(3);
    loop.wake(); // a stopped loop stays stopped
    await sleep(20);
    expect(started).toHaveLength(3);
  });
});
