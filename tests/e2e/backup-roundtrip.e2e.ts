import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/shared/model';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import {
  clearDatabase,
  type DatabaseDump,
  dumpDatabase,
  putRecords,
  readSettings,
  updateRecord,
} from './support/database';
import { type ExportedBackup, OptionsPage } from './support/options-page';
import { sampleCrm } from './support/records';

const COLLECTIONS = ['companies', 'contacts', 'pipelines', 'deals', 'activities', 'reminders'] as const;

function utcDay(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

describe('backup and restore through the options page', () => {
  let session: ExtensionBrowser;
  let options: OptionsPage;
  let exported: ExportedBackup;
  let original: DatabaseDump;
  const crm = sampleCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm);
    // Opening the page creates the settings record; give it a name so settings round-trip too.
    options = await OptionsPage.open(session);
    const settings = await readSettings(session.worker);
    if (!settings) throw new Error('the options page did not create the settings record');
    await putRecords(session.worker, {
      settings: [{ ...settings, user: { ...settings.user, name: 'Rep Example', email: 'rep@example.com' } }],
    });
    original = await dumpDatabase(session.worker);
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
  });

  it('exports every record and the settings to a dated JSON file', async () => {
    const startedAt = Date.now();
    exported = await options.exportBackup();
    expect([utcDay(startedAt), utcDay(Date.now())].map((day) => `dealside-backup-${day}.json`)).toContain(
      exported.fileName,
    );

    const backup = exported.content as Record<string, unknown>;
    expect(backup).toMatchObject({ format: 'dealside-backup', version: 2 });
    expect(new Date(String(backup.exportedAt)).getTime()).toBeGreaterThanOrEqual(startedAt - 1_000);
    expect(backup.settings).toEqual(original.settings[0]);
    for (const collection of COLLECTIONS) {
      expect(backup[collection], collection).toEqual(original[collection]);
    }
    // Tombstones travel too: the deleted contact is in the file.
    expect(backup.contacts).toHaveLength(crm.contacts.length);

    const total = COLLECTIONS.reduce((sum, collection) => sum + original[collection].length, 0);
    expect(await options.successText()).toBe(`Saved ${exported.fileName}: ${total} records.`);
  });

  it('changes nothing when the import is cancelled', async () => {
    await options.chooseImportFile(exported.filePath);
    expect(await options.confirmationText()).toContain('Everything now in this browser will be replaced.');
    await options.button('Cancel').click();
    await options.page.waitForSelector('[role="alertdialog"]', { hidden: true });
    expect(await dumpDatabase(session.worker)).toEqual(original);
  });

  it('restores exactly what was exported after the data changed', async () => {
    const [firstContact] = crm.contacts;
    const settings = await readSettings(session.worker);
    if (!firstContact || !settings) throw new Error('sample data changed');
    const now = Date.now();
    await updateRecord(session.worker, 'contacts', firstContact.id, { name: 'Renamed', updatedAt: now });
    await session.worker.evaluate(async () => {
      const hooks = (globalThis as unknown as { dealsideTest: { database: import('dexie').Dexie } })
        .dealsideTest;
      await hooks.database.table('reminders').clear();
    });
    await putRecords(session.worker, {
      companies: [
        {
          id: newId(),
          createdAt: now,
          updatedAt: now,
          deleted: false,
          name: 'Extra Ltd',
          domains: [],
          notes: '',
        },
      ],
      settings: [{ ...settings, updatedAt: now, user: { ...settings.user, name: 'Someone Else' } }],
    });
    expect(await dumpDatabase(session.worker)).not.toEqual(original);

    const total = COLLECTIONS.reduce((sum, collection) => sum + original[collection].length, 0);
    expect(await options.importBackup(exported.filePath)).toBe(`Imported ${total} records.`);
    const restored = await dumpDatabase(session.worker);
    for (const table of Object.keys(original) as (keyof DatabaseDump)[]) {
      expect(restored[table], table).toEqual(original[table]);
    }
  });
});
