import { describe, expect, it } from 'vitest';
import { defaultReportingSettings, SETTINGS_KEY } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { loadSettings, saveSettings } from './settings';

/** A settings record as Dealside stored it before the email-logging fields existed. */
const SETTINGS_BEFORE_LOGGING = {
  id: SETTINGS_KEY,
  updatedAt: Date.UTC(2026, 9, 1),
  user: { id: '01JB2S0Q5N3XKQ8V4M7T9W6R2C', name: '王小明', email: 'xiaoming.wang@sensecloud.com.tw' },
  ownDomains: ['sensecloud.com.tw'],
  defaultCurrency: 'TWD',
  language: 'zh-TW',
};

describe('settings', () => {
  it('loads a record stored before the logging fields with their defaults, keeping the rest', async () => {
    const database = isolatedDatabase('old-settings');
    // Written with the raw table, as an older Dealside did, not through the current schema.
    await database.settings.put(SETTINGS_BEFORE_LOGGING as never);
    expect(await loadSettings(database, 'en-US')).toEqual({
      ...SETTINGS_BEFORE_LOGGING,
      neverLog: [],
      logEmailBodies: false,
      autoLogOpenDeals: false,
      lostReasons: null,
      // Reporting came later still: its base currency is the record's own default currency.
      reporting: defaultReportingSettings(SETTINGS_BEFORE_LOGGING.defaultCurrency),
    });
    database.close();
  });

  it('creates new settings with logging private by default', async () => {
    const database = isolatedDatabase('new-settings');
    expect(await loadSettings(database, 'zh-TW')).toMatchObject({
      neverLog: [],
      logEmailBodies: false,
      autoLogOpenDeals: false,
    });
    database.close();
  });

  it('stores never-log patterns normalized, and refuses an invalid one without writing', async () => {
    const database = isolatedDatabase('save-settings');
    const settings = await loadSettings(database, 'zh-TW');
    await saveSettings(database, {
      ...settings,
      neverLog: [' CEO@Acme.com ', '@Bank.com.tw'],
      logEmailBodies: true,
      autoLogOpenDeals: true,
    });
    const saved = await loadSettings(database, 'zh-TW');
    expect(saved).toMatchObject({
      neverLog: ['ceo@acme.com', '*@bank.com.tw'],
      logEmailBodies: true,
      autoLogOpenDeals: true,
    });

    await expect(saveSettings(database, { ...saved, neverLog: ['*@*'] })).rejects.toThrow(
      /would match every address/,
    );
    await expect(
      saveSettings(database, { ...saved, neverLog: ['bank.com.tw', 'BANK.com.tw'] }),
    ).rejects.toThrow(/repeats .*bank\.com\.tw/);
    expect(await loadSettings(database, 'zh-TW')).toEqual(saved);
    database.close();
  });
});
