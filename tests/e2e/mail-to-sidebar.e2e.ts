import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import { type Company, type Contact, type Deal, newId, type Pipeline } from '../../lib/shared/model';
import { fixtureHtml } from '../fixtures/mail/load-fixture';
import { FIXTURE_URLS, type FixtureName } from '../fixtures/mail/urls';
import { collectPageErrors, type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords } from './support/database';
import { serveMailPages, waitForSidebarFrame } from './support/mail-pages';

/**
 * The whole path a rep takes, in real Chromium: a fixture mail page at its real URL → the content
 * script reads the thread → the background keeps it → the sidebar frame matches it against the
 * database and shows the deals. Nothing is injected between the steps.
 */

function stageId(pipeline: Pipeline, name: string): string {
  const stage = pipeline.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage.id;
}

function acmeCrm() {
  const now = Date.now();
  const base = () => ({ id: newId(now), createdAt: now, updatedAt: now, deleted: false });
  const pipeline = defaultPipeline('en', now);
  const acme: Company = { ...base(), name: 'Acme Trading', domains: ['acme.com.tw'], notes: '' };
  const meiLing: Contact = {
    ...base(),
    name: 'Chen Mei-Ling',
    emails: ['meiling.chen@acme.com.tw'],
    companyId: acme.id,
    jobTitle: 'Purchasing manager',
    phone: '',
    notes: '',
  };
  const deal = (title: string, stage: string, contactIds: string[]): Deal => ({
    ...base(),
    title,
    companyId: acme.id,
    contactIds,
    pipelineId: pipeline.id,
    stageId: stageId(pipeline, stage),
    stageEnteredAt: now,
    amount: 1_200_000,
    currency: 'TWD',
    expectedCloseDate: null,
    closeDatePushes: 0,
    ownerId: newId(now),
    nextStep: null,
    status: 'open',
    lostReason: null,
    checklistDone: [],
  });
  return {
    pipelines: [pipeline],
    companies: [acme],
    contacts: [meiLing],
    deals: [
      deal('Acme: 200 seats', 'Proposal', [meiLing.id]),
      deal('Acme: support renewal', 'Negotiation', []),
    ],
  };
}

async function waitForText(frame: Frame, text: string, timeout = 10_000): Promise<void> {
  await frame.waitForFunction(
    (expected: string) => (document.body.textContent ?? '').includes(expected),
    { timeout },
    text,
  );
}

describe('from a mail page to the deals beside it', () => {
  let session: ExtensionBrowser;
  const opened: Page[] = [];

  async function openFixture(name: FixtureName): Promise<{ page: Page; frame: Frame; errors: string[] }> {
    const page = await session.newPage();
    opened.push(page);
    const errors = collectPageErrors(page);
    const url = FIXTURE_URLS[name];
    await serveMailPages(page, new Map([[url.split('#')[0] as string, fixtureHtml(name)]]));
    await page.goto(url, { waitUntil: 'load' });
    const provider = name.startsWith('gmail') ? 'gmail' : 'outlook';
    return { page, frame: await waitForSidebarFrame(page, provider), errors };
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, acmeCrm());
  });
  afterAll(async () => {
    for (const page of opened) await page.close().catch(() => {});
    await session?.close();
  });

  it('Gmail: opening a thread shows its deals with their stages, best match first', async () => {
    const { frame, errors } = await openFixture('gmail-single-message.html');
    await waitForText(frame, 'Acme: support renewal');
    const text = await frame.evaluate(() => document.body.textContent ?? '');
    expect(text).toContain('Quote for 200 seats');
    expect(text.indexOf('Acme: 200 seats')).toBeLessThan(text.indexOf('Acme: support renewal'));
    expect(text).toMatch(/Proposal/);
    expect(text).toMatch(/Negotiation/);
    expect(text).toMatch(/By email/);
    expect(text).toMatch(/By company domain/);
    expect(errors).toEqual([]);
  });

  it('Gmail: opening another thread in the page updates the sidebar and offers to add an unknown sender', async () => {
    const { page, frame } = await openFixture('gmail-single-message.html');
    await waitForText(frame, 'Acme: 200 seats');
    await page.evaluate((markup: string) => {
      const next = new DOMParser().parseFromString(markup, 'text/html');
      document.title = next.title;
      document.body.replaceChildren(...[...next.body.childNodes].map((node) => document.adoptNode(node)));
      location.hash = '#inbox/FMfcgzQXKcCcRrTtYyUuIiOoPpAaSsDd';
    }, fixtureHtml('gmail-cc.html'));
    await waitForText(frame, 'Kick-off');
    // Sarah Jones at globex.com is in no record: the sidebar offers to add her.
    await waitForText(frame, 'Sarah Jones');
    const addButtons = await frame.$$eval('button', (buttons) =>
      buttons.map((button) => button.textContent ?? '').filter((label) => label.includes('Add contact')),
    );
    expect(addButtons.length).toBeGreaterThan(0);
    expect(await frame.evaluate(() => document.body.textContent ?? '')).not.toContain('Quote for 200 seats');
  });

  it('Outlook: the same thread shows the same deals', async () => {
    const { frame, errors } = await openFixture('outlook-office-single.html');
    await waitForText(frame, 'Acme: support renewal');
    const text = await frame.evaluate(() => document.body.textContent ?? '');
    expect(text.indexOf('Acme: 200 seats')).toBeLessThan(text.indexOf('Acme: support renewal'));
    expect(text).toMatch(/Proposal/);
    expect(errors).toEqual([]);
  });

  it('forgets a tab’s thread when the tab leaves the mail site', async () => {
    const { page } = await openFixture('gmail-single-message.html');
    const storedKeys = () =>
      session.worker.evaluate(async () => {
        const chromeGlobal = (
          globalThis as unknown as {
            chrome: { storage: { session: { get(keys: null): Promise<Record<string, unknown>> } } };
          }
        ).chrome;
        return Object.keys(await chromeGlobal.storage.session.get(null));
      });
    const tabId = await session.worker.evaluate(async () => {
      const chromeGlobal = (
        globalThis as unknown as {
          chrome: { tabs: { query(query: object): Promise<{ id?: number; active: boolean }[]> } };
        }
      ).chrome;
      const [tab] = await chromeGlobal.tabs.query({ active: true, lastFocusedWindow: true });
      return tab?.id ?? null;
    });
    expect(tabId).not.toBeNull();
    await expect.poll(storedKeys).toContain(`mailPage.${tabId}`);
    await page.goto('https://example.com/elsewhere').catch(() => {});
    await expect.poll(storedKeys).not.toContain(`mailPage.${tabId}`);
  });

  it('a page whose markup changed shows the fallback note, and search still works', async () => {
    const { frame } = await openFixture('gmail-broken.html');
    await waitForText(frame, 'Couldn’t read this email', 15_000);
    const search = await frame.waitForSelector('input[type="search"]');
    await search?.type('Mei-Ling');
    await waitForText(frame, 'Chen Mei-Ling');
  });
});
