import { describe, expect, it } from 'vitest';
import { serially } from './serially';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

describe('serially', () => {
  it('never runs the task twice at once', async () => {
    let running = 0;
    let most = 0;
    const gates = [deferred(), deferred()];
    let runs = 0;
    const request = serially(async () => {
      const gate = gates[runs++];
      running += 1;
      most = Math.max(most, running);
      await gate?.promise;
      running -= 1;
      return runs;
    });
    const first = request();
    await Promise.resolve();
    const second = request();
    gates[0]?.resolve();
    gates[1]?.resolve();
    expect(await first).toBe(1);
    expect(await second).toBe(2);
    expect(most).toBe(1);
  });

  it('serves the requests made during a run with one run after it', async () => {
    const gate = deferred();
    let runs = 0;
    const request = serially(async () => {
      runs += 1;
      if (runs === 1) await gate.promise;
      return runs;
    });
    const first = request();
    await Promise.resolve();
    const waiting = [request(), request(), request()];
    gate.resolve();
    expect(await first).toBe(1);
    expect(await Promise.all(waiting)).toEqual([2, 2, 2]);
    expect(runs).toBe(2);
  });

  it('runs again after a failed run', async () => {
    let runs = 0;
    const request = serially(async () => {
      runs += 1;
      if (runs === 1) throw new Error('first run fails');
      return runs;
    });
    await expect(request()).rejects.toThrow('first run fails');
    expect(await request()).toBe(2);
  });
});
