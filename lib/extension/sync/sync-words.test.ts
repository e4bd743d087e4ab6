import { describe, expect, it } from 'vitest';
import { createTranslator } from '../i18n/translate';
import { relativeTime, type SyncIndicatorInput, syncErrorText, syncIndicator } from './sync-words';

const NOW = Date.UTC(2026, 2, 2, 9, 0, 0);
const english = createTranslator('en');
const chinese = createTranslator('zh-TW');
const CONNECTED: SyncIndicatorInput = {
  connected: true,
  serverUrl: 'https://sync.acme.com.tw/dealside',
  lastSyncAt: NOW - 2 * 60_000,
  pendingChanges: 0,
  error: null,
  nextAttemptAt: null,
};

describe('relativeTime', () => {
  it('says how long ago or how soon, in the page language', () => {
    expect(relativeTime(NOW - 12_000, NOW, 'en', english)).toBe('just now');
    expect(relativeTime(NOW - 2 * 60_000, NOW, 'en', english)).toBe('2 minutes ago');
    expect(relativeTime(NOW + 30_000, NOW, 'en', english)).toBe('in 30 seconds');
    expect(relativeTime(NOW - 3 * 3_600_000, NOW, 'en', english)).toBe('3 hours ago');
    expect(relativeTime(NOW - 26 * 3_600_000, NOW, 'en', english)).toBe('yesterday');
    expect(relativeTime(NOW - 2 * 60_000, NOW, 'zh-TW', chinese)).toBe('2 分鐘前');
    expect(relativeTime(NOW - 5_000, NOW, 'zh-TW', chinese)).toBe('剛剛');
  });
});

describe('the sidebar status dot', () => {
  it('is hidden when not connected', () => {
    expect(syncIndicator({ ...CONNECTED, connected: false }, NOW, 'en', english)).toEqual({ tone: 'hidden' });
  });

  it('is green with the last sync in words once everything is sent', () => {
    expect(syncIndicator(CONNECTED, NOW, 'en', english)).toEqual({
      tone: 'synced',
      words: 'Synced 2 minutes ago',
    });
    expect(syncIndicator(CONNECTED, NOW, 'zh-TW', chinese)).toEqual({
      tone: 'synced',
      words: '2 分鐘前已同步',
    });
    // The page's clock ticks each minute: a sync newer than it is still in the past.
    expect(syncIndicator({ ...CONNECTED, lastSyncAt: NOW + 6_000 }, NOW, 'en', english)).toEqual({
      tone: 'synced',
      words: 'Synced just now',
    });
  });

  it('is amber while changes wait or the first sync runs', () => {
    expect(syncIndicator({ ...CONNECTED, pendingChanges: 3 }, NOW, 'en', english)).toEqual({
      tone: 'pending',
      words: '3 changes waiting to sync',
    });
    expect(syncIndicator({ ...CONNECTED, pendingChanges: 1 }, NOW, 'zh-TW', chinese)).toEqual({
      tone: 'pending',
      words: '1 筆變更等待同步',
    });
    expect(syncIndicator({ ...CONNECTED, lastSyncAt: null }, NOW, 'en', english)).toEqual({
      tone: 'pending',
      words: 'Connected: the first sync is running',
    });
  });

  it('is amber with the reason while a retry is scheduled, red when sync waits for the rep', () => {
    const offline = {
      ...CONNECTED,
      pendingChanges: 2,
      error: { code: 'network', message: 'Failed to fetch' },
      nextAttemptAt: NOW + 60_000,
    };
    expect(syncIndicator(offline, NOW, 'en', english)).toEqual({
      tone: 'pending',
      words:
        'Sync error: Could not reach the server at https://sync.acme.com.tw. Check the address, that the server is running, and that you are online. 2 changes waiting. Trying again in 1 minute.',
    });
    // The client retries every failure with a backoff; a refused token still needs the rep.
    const refused = {
      ...CONNECTED,
      error: { code: 'unauthorized', message: 'Unknown token' },
      nextAttemptAt: NOW + 30_000,
    };
    expect(syncIndicator(refused, NOW, 'zh-TW', chinese)).toEqual({
      tone: 'error',
      words: '同步錯誤：伺服器不接受這個權杖，可能是輸入錯誤或已被撤銷，請向管理員索取新的權杖。',
    });
  });
});

describe('syncErrorText', () => {
  it('explains the known failures and quotes the server for the rest', () => {
    expect(
      syncErrorText({ code: 'permission-denied', message: 'http://127.0.0.1:8787' }, null, english),
    ).toBe('Dealside was not allowed to reach http://127.0.0.1:8787. Click Connect again and choose Allow.');
    expect(syncErrorText({ code: 'invalid-response', message: '' }, null, english)).toMatch(
      /another version of Dealside sync/,
    );
    expect(
      syncErrorText({ code: 'payload-too-large', message: 'The batch is too big.' }, null, english),
    ).toBe('Sync failed: The batch is too big.');
  });
});
