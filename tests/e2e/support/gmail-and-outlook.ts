import type { Viewport } from 'puppeteer-core';
import type { MailPageState } from '../../../lib/mail-page/mail-page-state';
import type { ExtensionBrowser } from './browser';
import { clearDatabase, putRecords, type RecordsByTable } from './database';
import { GMAIL, type OpenMailPage, OUTLOOK, openMailSite } from './mail-pages';
import { setMailPageState, tabIdOfFrame } from './mail-state';

/**
 * Replaces the database's content with `records`, then opens a Gmail and an Outlook page, each
 * tab showing its own thread. The caller keeps `session`, so it closes even when this fails.
 */
export async function openGmailAndOutlook(
  session: ExtensionBrowser,
  {
    records,
    gmailThread,
    outlookThread,
    viewport,
  }: {
    records: RecordsByTable;
    gmailThread: MailPageState;
    outlookThread: MailPageState;
    viewport?: Viewport;
  },
): Promise<{ gmail: OpenMailPage; outlook: OpenMailPage }> {
  await clearDatabase(session.worker);
  await putRecords(session.worker, records);
  const gmail = await openMailSite(session, GMAIL, viewport);
  const outlook = await openMailSite(session, OUTLOOK, viewport);
  await setMailPageState(session.worker, await tabIdOfFrame(gmail.frame), gmailThread);
  await setMailPageState(session.worker, await tabIdOfFrame(outlook.frame), outlookThread);
  return { gmail, outlook };
}
