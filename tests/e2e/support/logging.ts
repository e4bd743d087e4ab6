import type { Frame, Page } from 'puppeteer-core';
import { defaultPipeline } from '../../../lib/extension/pipeline/default-pipeline';
import {
  type Activity,
  defaultReportingSettings,
  type EmailActivity,
  newId,
  SETTINGS_KEY,
  type Settings,
} from '../../../lib/shared/model';
import { fixtureHtml } from '../../fixtures/mail/load-fixture';
import { FIXTURE_URLS, type FixtureName } from '../../fixtures/mail/urls';
import type { ExtensionBrowser } from './browser';
import { clearDatabase, dumpDatabase, putRecords } from './database';
import { serveMailPages, waitForSidebarFrame } from './mail-pages';
import { contactRecord, dealRecord, recordBase, stageIdNamed } from './record-builders';

/**
 * What the logging e2e tests share: a CRM in which the fixture pages' sender (Chen Mei-Ling of Acme)
 * has one open deal, its settings, and the live email activities of the database.
 */
export function acmeLoggingCrm(now: number = Date.now()) {
  const userId = newId(now);
  const pipeline = defaultPipeline('en', now);
  const acme = { ...recordBase(now), name: 'Acme Trading', domains: ['acme.com.tw'], notes: '' };
  const meiLing = contactRecord(now, {
    name: 'Chen Mei-Ling',
    emails: ['meiling.chen@acme.com.tw'],
    companyId: acme.id,
  });
  const seats = dealRecord(now, {
    title: 'Acme: 200 seats',
    stageId: stageIdNamed(pipeline, 'Proposal'),
    companyId: acme.id,
    contactIds: [meiLing.id],
    pipelineId: pipeline.id,
    ownerId: userId,
  });
  const settings = (fields: Partial<Settings> = {}): Settings => ({
    id: SETTINGS_KEY,
    updatedAt: now,
    user: { id: userId, name: 'Rep', email: 'rep@example.com' },
    ownDomains: [],
    defaultCurrency: 'TWD',
    language: 'en',
    neverLog: [],
    logEmailBodies: false,
    autoLogOpenDeals: false,
    lostReasons: null,
    reporting: defaultReportingSettings('TWD'),
    ...fields,
  });
  return {
    records: { pipelines: [pipeline], companies: [acme], contacts: [meiLing], deals: [seats] },
    deal: seats,
    settings,
  };
}

export async function liveEmailActivities(session: ExtensionBrowser): Promise<EmailActivity[]> {
  const dump = await dumpDatabase(session.worker);
  return (dump.activities as Activity[]).filter(
    (activity): activity is EmailActivity => activity.kind === 'email' && !activity.deleted,
  );
}

/** Opens a fixture mail page at its real URL in a new tab and waits for the sidebar's deal card. */
export async function openFixtureWithDeal(
  session: ExtensionBrowser,
  name: FixtureName,
): Promise<{ page: Page; frame: Frame }> {
  const page = await session.newPage();
  const url = FIXTURE_URLS[name];
  await serveMailPages(page, new Map([[url.split('#')[0] as string, fixtureHtml(name)]]));
  await page.goto(url, { waitUntil: 'load' });
  const frame = await waitForSidebarFrame(page, name.startsWith('gmail') ? 'gmail' : 'outlook');
  await frame.waitForSelector('[data-testid="deal-card"]', { timeout: 10_000 });
  return { page, frame };
}

/**
 * The mail tabs of one test file: `reset` closes the tabs it opened and replaces the database with a
 * fresh Acme CRM and these settings; `open` opens a fixture thread beside its deal.
 */
export function fixtureTabs(session: () => ExtensionBrowser) {
  let crm = acmeLoggingCrm();
  const pages: Page[] = [];
  return {
    get crm() {
      return crm;
    },
    async open(name: FixtureName): Promise<Frame> {
      const { page, frame } = await openFixtureWithDeal(session(), name);
      pages.push(page);
      return frame;
    },
    async reset(fields: Partial<Settings> = {}): Promise<void> {
      for (const page of pages.splice(0)) await page.close().catch(() => {});
      await clearDatabase(session().worker);
      crm = acmeLoggingCrm();
      await putRecords(session().worker, { ...crm.records, settings: [crm.settings(fields)] });
    },
  };
}
