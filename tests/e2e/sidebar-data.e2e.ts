import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords, updateRecord } from './support/database';
import {
  GMAIL,
  type OpenMailPage,
  OUTLOOK,
  openMailSite,
  readSidebarSummary,
  waitForSidebarFrame,
  waitForSidebarSummary,
} from './support/mail-pages';
import { setMailPageState, tabIdOfFrame } from './support/mail-state';
import { SAMPLE_SUMMARY_LINES, sampleCrm } from './support/records';

describe('the sidebar shows what the background stored', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  const crm = sampleCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('says the CRM is empty when it is', async () => {
    gmail = await openMailSite(session, GMAIL);
    await gmail.frame.waitForSelector('::-p-text(Your CRM is empty.)', { timeout: 10_000 });
    expect(await gmail.frame.$('[data-testid="crm-summary"]')).toBeNull();
  });

  it('updates live, without a reload, when the service worker writes records', async () => {
    await putRecords(session.worker, crm);
    await waitForSidebarSummary(gmail.frame, SAMPLE_SUMMARY_LINES);
    const text = await gmail.frame.$eval('main', (main) => main.textContent ?? '');
    // Only the open deal counts, in its own currency: NT$120,000 (the won USD deal is left out).
    expect(text).toMatch(/Open pipeline: NT\$120,000(?![.\d])/);
    expect(text).not.toContain('US$');
    expect(text).not.toContain('Your CRM is empty');
  });

  it('shows the same counts after the mail page reloads', async () => {
    await gmail.page.reload({ waitUntil: 'load' });
    const frame = await waitForSidebarFrame(gmail.page, 'gmail');
    expect(await readSidebarSummary(frame)).toEqual(SAMPLE_SUMMARY_LINES);
    gmail.frame = frame;
  });

  it('shows the same data beside Outlook, and both sidebars follow later changes', async () => {
    const outlook = await openMailSite(session, OUTLOOK);
    // The Outlook fixture has a conversation open, and a thread shows its deals, not the summary:
    // this tab goes back to its message list.
    await setMailPageState(session.worker, await tabIdOfFrame(outlook.frame), {
      status: 'no-thread',
      provider: 'outlook',
      account: null,
    });
    expect(await readSidebarSummary(outlook.frame)).toEqual(SAMPLE_SUMMARY_LINES);

    const [firstContact] = crm.contacts;
    const [openDeal] = crm.deals;
    const wonStage = crm.pipelines[0]?.stages.find((stage) => stage.kind === 'won');
    if (!firstContact || !openDeal || !wonStage) throw new Error('sample data changed');
    await updateRecord(session.worker, 'contacts', firstContact.id, { deleted: true, updatedAt: Date.now() });
    await updateRecord(session.worker, 'deals', openDeal.id, {
      status: 'won',
      stageId: wonStage.id,
      updatedAt: Date.now(),
    });
    const expected = ['2 contacts', '2 companies', '0 open deals', '1 pending reminder'];
    await waitForSidebarSummary(gmail.frame, expected);
    await waitForSidebarSummary(outlook.frame, expected);
    expect(await outlook.frame.$eval('main', (main) => main.textContent ?? '')).not.toContain(
      'Open pipeline',
    );
    expect([...gmail.pageErrors, ...outlook.pageErrors]).toEqual([]);
  });
});
