import {
  defaultReportingSettings,
  newId,
  SETTINGS_KEY,
  type Settings,
  settingsSchema,
} from '../../shared/model';
import type { DealsideDatabase } from './database';

export function defaultSettings(browserLanguage: string, now: number = Date.now()): Settings {
  const defaultCurrency = browserLanguage.toLowerCase().startsWith('zh') ? 'TWD' : 'USD';
  return {
    id: SETTINGS_KEY,
    updatedAt: now,
    user: { id: newId(now), name: '', email: '' },
    ownDomains: [],
    defaultCurrency,
    language: 'auto',
    neverLog: [],
    logEmailBodies: false,
    autoLogOpenDeals: false,
    lostReasons: null,
    reporting: defaultReportingSettings(defaultCurrency),
  };
}

/**
 * The stored settings, created on first use so that the local user has a stable id. Parsed, so
 * that a record stored before a field existed comes back with that field's default.
 */
export async function loadSettings(database: DealsideDatabase, browserLanguage: string): Promise<Settings> {
  return database.transaction('rw', database.settings, async () => {
    const stored = await database.settings.get(SETTINGS_KEY);
    if (stored) return settingsSchema.parse(stored);
    const created = defaultSettings(browserLanguage);
    await database.settings.add(created);
    return created;
  });
}

export async function saveSettings(database: DealsideDatabase, settings: unknown): Promise<Settings> {
  const valid = settingsSchema.parse(settings);
  await database.settings.put({ ...valid, updatedAt: Date.now() });
  return valid;
}
