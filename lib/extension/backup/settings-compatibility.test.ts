import { describe, expect, it } from 'vitest';
import { validateBackup } from './validate-backup';

/** A version 1 backup exported before settings had the email-logging fields. */
const BACKUP_BEFORE_LOGGING = `{
  "format": "dealside-backup",
  "version": 1,
  "exportedAt": "2026-10-01T08:30:00.000Z",
  "settings": {
    "id": "settings",
    "updatedAt": 1759300000000,
    "user": { "id": "01JB2S0Q5N3XKQ8V4M7T9W6R2C", "name": "王小明", "email": "xiaoming.wang@sensecloud.com.tw" },
    "ownDomains": ["sensecloud.com.tw"],
    "defaultCurrency": "TWD",
    "language": "auto"
  },
  "companies": [],
  "contacts": [],
  "pipelines": [],
  "deals": [],
  "activities": [],
  "reminders": []
}`;

describe('backups written before the email-logging settings', () => {
  it('still validate, and restore the settings with logging private', () => {
    const result = validateBackup(BACKUP_BEFORE_LOGGING);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.backup.settings).toMatchObject({
      ownDomains: ['sensecloud.com.tw'],
      neverLog: [],
      logEmailBodies: false,
      autoLogOpenDeals: false,
    });
  });

  it('refuse an invalid never-log pattern in a newer file, naming the field', () => {
    const file = JSON.parse(BACKUP_BEFORE_LOGGING);
    file.settings.neverLog = ['ceo@acme.com', 'mail.*.bank.com.tw'];
    const result = validateBackup(JSON.stringify(file));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([
      expect.objectContaining({
        collection: 'settings',
        field: 'neverLog.1',
        message: expect.stringMatching(/^uses \*/),
      }),
    ]);
  });
});
