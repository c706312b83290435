/**
 * Runs `tick` every `everyMs`, one run at a time (the next starts `everyMs` after the last
 * ended), until the returned stop function is called. Errors go to `onError`, never up.
 */
export function serialLoop(everyMs: number, tick: () => Promise<void>, onError: (error: Error) => void): () => void {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  const run = () => {
    if (stopped) return;
    void tick()
      .catch((error: unknown) => onError(error instanceof Error ? error : new Error(String(error))))
      .finally(() => {
        if (!stopped) timer = setTimeout(run, everyMs);
      });
  };
  run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
