// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MailPageState } from './mail-page-state';
import { watchMailPage } from './watch-mail-page';

const noThread: MailPageState = { status: 'no-thread', provider: 'gmail', account: null };
const unreadable: MailPageState = { status: 'unreadable', provider: 'gmail', reason: 'gmail.thread.subject' };

function setup(read: () => MailPageState) {
  const invalidated: (() => void)[] = [];
  const emitted: MailPageState[] = [];
  const reader = vi.fn(read);
  const stop = watchMailPage(
    {
      onInvalidated: (callback) => {
        invalidated.push(callback);
        return () => undefined;
      },
    },
    { read: reader, emit: (state) => emitted.push(state), window, now: () => Date.now() },
  );
  const invalidate = () => {
    for (const callback of invalidated) callback();
  };
  return { emitted, reader, stop, invalidate };
}

async function mutate(times = 1) {
  for (let index = 0; index < times; index += 1) document.body.append(document.createElement('div'));
  await Promise.resolve();
}

describe('watching a mail page', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    document.body.replaceChildren();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports once at start and again only when the state changes', async () => {
    let state: MailPageState = noThread;
    const watch = setup(() => state);
    expect(watch.emitted).toEqual([noThread]);
    await mutate();
    await vi.advanceTimersByTimeAsync(150);
    expect(watch.emitted).toHaveLength(1);
    state = { status: 'no-thread', provider: 'gmail', account: 'rep@example.com' };
    await mutate();
    await vi.advanceTimersByTimeAsync(150);
    expect(watch.emitted).toEqual([noThread, state]);
    watch.stop();
  });

  it('reads once per burst of mutations, and at least every max wait on a page that never stops', async () => {
    const watch = setup(() => noThread);
    watch.reader.mockClear();
    for (let tick = 0; tick < 20; tick += 1) {
      await mutate(50);
      await vi.advanceTimersByTimeAsync(50);
    }
    // 1000 ms of constant mutation: reads forced by the 500 ms max wait, not one per mutation.
    expect(watch.reader.mock.calls.length).toBeGreaterThanOrEqual(1);
    expect(watch.reader.mock.calls.length).toBeLessThanOrEqual(3);
    watch.stop();
  });

  it('waits for the page to settle before believing "unreadable"', async () => {
    let state: MailPageState = unreadable;
    const watch = setup(() => state);
    expect(watch.emitted).toEqual([]);
    await vi.advanceTimersByTimeAsync(2_100);
    expect(watch.emitted).toEqual([unreadable]);
    state = noThread;
    await mutate();
    await vi.advanceTimersByTimeAsync(150);
    expect(watch.emitted).toEqual([unreadable, noThread]);
    watch.stop();
  });

  it('reacts to hash changes and stops everything when the context is invalidated', async () => {
    let state: MailPageState = noThread;
    const watch = setup(() => state);
    state = { ...noThread, account: 'a@b.com' };
    window.dispatchEvent(new Event('hashchange'));
    await vi.advanceTimersByTimeAsync(150);
    expect(watch.emitted).toHaveLength(2);
    watch.invalidate();
    watch.reader.mockClear();
    state = noThread;
    window.dispatchEvent(new Event('hashchange'));
    await mutate();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(watch.reader).not.toHaveBeenCalled();
  });
});
