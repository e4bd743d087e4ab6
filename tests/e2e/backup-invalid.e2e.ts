import { mkdtempSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../lib/shared/model';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, type DatabaseDump, dumpDatabase, putRecords } from './support/database';
import { OptionsPage } from './support/options-page';
import { backupOf, sampleCrm } from './support/records';

const REFUSED = 'This file was not imported. Nothing was changed.';

describe('an invalid backup is refused and changes nothing', () => {
  let session: ExtensionBrowser;
  let options: OptionsPage;
  let before: DatabaseDump;
  const fileDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-bad-backups-'));

  function writeBackupFile(name: string, content: string): string {
    const filePath = path.join(fileDir, name);
    writeFileSync(filePath, content);
    return filePath;
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, sampleCrm());
    options = await OptionsPage.open(session);
    before = await dumpDatabase(session.worker);
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
    await rm(fileDir, { recursive: true, force: true });
  });

  it('lists each bad record by collection, position, id and field', async () => {
    const other = sampleCrm();
    // Records nothing else refers to, so that each mistake yields exactly one problem.
    const contact = other.contacts[3];
    const deal = other.deals[1];
    if (!contact || !deal) throw new Error('sample data changed');
    const missingPipelineId = newId();
    const backup = backupOf(
      {
        ...other,
        contacts: other.contacts.map((record) =>
          record.id === contact.id ? { ...record, emails: ['not-an-email'] } : record,
        ),
        deals: other.deals.map((record) =>
          record.id === deal.id ? { ...record, pipelineId: missingPipelineId } : record,
        ),
      },
      null,
    );
    await options.chooseImportFile(writeBackupFile('bad-records.json', JSON.stringify(backup)));

    const problems = await options.problems();
    expect(problems.text).toContain(REFUSED);
    expect(problems.text).toContain('bad-records.json');
    expect(problems.text).toContain('2 problems found:');
    expect(problems.items).toEqual([
      `Contacts #4 ${contact.id} emails.0: is not an email address`,
      `Deals #2 ${deal.id} pipelineId: refers to pipelines record ${missingPipelineId}, which the backup does not hold`,
    ]);
    expect(await options.hasConfirmation()).toBe(false);
    expect(await dumpDatabase(session.worker)).toEqual(before);
  });

  it('refuses a file that is not JSON', async () => {
    await options.chooseImportFile(writeBackupFile('notes.json', 'Meeting notes, not a backup {'));
    const problems = await options.problems();
    expect(problems.text).toContain(REFUSED);
    expect(problems.text).toContain('notes.json');
    expect(problems.items).toHaveLength(1);
    expect(problems.items[0]).toMatch(/^File: is not valid JSON \(.+\)$/);
    expect(await options.hasConfirmation()).toBe(false);
    expect(await dumpDatabase(session.worker)).toEqual(before);
  });

  it('refuses JSON that is not a Dealside backup', async () => {
    await options.chooseImportFile(writeBackupFile('contacts.json', JSON.stringify({ contacts: [] })));
    const problems = await options.problems();
    expect(problems.text).toContain(REFUSED);
    expect(problems.text).toContain('contacts.json');
    expect(problems.items).toContain('File format: is not "dealside-backup": this is not a Dealside backup');
    expect(await dumpDatabase(session.worker)).toEqual(before);
  });
});
