/**
 * Runs one at a time; requests made during a run are served by a single run after it, which then
 * sees every change they announced.
 */
export function serially<Result>(task: () => Promise<Result>): () => Promise<Result> {
  let tail: Promise<unknown> = Promise.resolve();
  let queued: Promise<Result> | null = null;
  return () => {
    if (queued) return queued;
    const run = tail.then(() => {
      queued = null;
      return task();
    });
    queued = run;
    tail = run.catch(() => undefined);
    return run;
  };
}
