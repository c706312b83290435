export interface SerialLoop {
  /** Runs the tick now (or right after the current run ends) instead of waiting for the period. */
  wake(): void;
  stop(): void;
  /** Stops, and resolves once the run in progress (if any) has ended. */
  stopAndSettle(): Promise<void>;
}

/**
 * Runs `tick` every `everyMs`, one run at a time (the next starts `everyMs` after the last
 * ended), until stopped. `wake()` brings the next run forward: events drive the loop, the
 * period is the fallback. Errors go to `onError`, never up.
 */
export function serialLoop(everyMs: number, tick: () => Promise<void>, onError: (error: Error) => void): SerialLoop {
  let stopped = false;
  let running = false;
  let wokenWhileRunning = false;
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<void> = Promise.resolve();
  const schedule = (delayMs: number) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
  const run = () => {
    timer = null;
    if (stopped) return;
    running = true;
    wokenWhileRunning = false;
    current = tick()
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        running = false;
        if (!stopped) schedule(wokenWhileRunning ? 0 : everyMs);
      });
  };
  run();
  return {
    wake() {
      if (stopped) return;
      if (running) wokenWhileRunning = true;
      else schedule(0);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    stopAndSettle() {
      this.stop();
      return current;
    },
  };
}
