import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import type { Company, Deal, Pipeline } from '../../lib/shared/model';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { dumpDatabase, putRecords, readSettings, updateRecord } from './support/database';
import { emulateColorScheme } from './support/layout';
import { ARTIFACTS_DIR } from './support/paths';
import { dealRecord, recordBase, stageIdNamed } from './support/record-builders';
import { allowSiteAccess, grantedOrigins, SidebarHeader, SyncPanelPage } from './support/sync-pages';
import { type RunningSyncServer, type SyncTestUser, startSyncServer } from './support/sync-server';

/**
 * Two browser profiles (two Chromium instances with the test build) connected through their
 * options pages to one real sync server (server/app.ts on PGlite, on a loopback port): what one rep
 * writes reaches the other, offline edits of different fields of one deal both survive, and the
 * sidebar's dot and the options panel say what is going on.
 */

const TEAM = 'Acme Sales';
const DEAL_TITLE = 'Hongda: MES rollout';
const SECTION = 'section#sync';

type Rep = { name: string; session: ExtensionBrowser; options: SyncPanelPage; sidebar: SidebarHeader };

async function screenshotPanel(options: SyncPanelPage, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  await options.page.bringToFront();
  await options.page.evaluate(() => document.fonts.ready.then(() => undefined));
  const section = await options.page.waitForSelector(SECTION);
  const file = path.join(ARTIFACTS_DIR, `${name}.png`) as `${string}.png`;
  await section?.screenshot({ path: file });
  return file;
}

async function setLanguage(rep: Rep, language: 'en' | 'zh-TW'): Promise<void> {
  const settings = await readSettings(rep.session.worker);
  if (!settings) throw new Error('no settings yet');
  await putRecords(rep.session.worker, { settings: [{ ...settings, language }] });
  await rep.options.page
    .waitForFunction(
      (wanted: string) => document.documentElement.lang === wanted,
      // Polled, not per animation frame: a tab in the background gets no frames.
      { timeout: 10_000, polling: 100 },
      language,
    )
    .catch(async (error: Error) => {
      const shown = await rep.options.page.evaluate(() => document.documentElement.lang);
      const stored = (await readSettings(rep.session.worker))?.language;
      throw new Error(
        `${error.message}: the page is in ${shown}, settings say ${stored}; page errors: ${rep.options.errors.join(' | ')}`,
      );
    });
}

async function storedDeal(rep: Rep, id: string): Promise<Deal | undefined> {
  return ((await dumpDatabase(rep.session.worker)).deals as Deal[]).find((deal) => deal.id === id);
}

/** Polls until `read` gives a value `done` accepts; returns it with the milliseconds it took. */
async function until<Value>(
  read: () => Promise<Value>,
  done: (value: Value) => boolean,
  timeoutMs = 20_000,
): Promise<{ value: Value; ms: number }> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (done(value)) return { value, ms: Date.now() - start };
    if (Date.now() - start > timeoutMs) throw new Error(`Timed out; last value: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('team sync between two browsers', () => {
  let dataDir: string;
  let server: RunningSyncServer;
  let users: SyncTestUser[];
  let a: Rep;
  let b: Rep;
  const figures: Record<string, number> = {};

  async function launchRep(name: string): Promise<Rep> {
    const session = await launchExtensionBrowser();
    // Stands in for the rep's click on "Allow" in the browser's permission prompt (see sync-pages.ts).
    await allowSiteAccess(session, 'http://127.0.0.1/*');
    const options = await SyncPanelPage.open(session);
    const sidebar = await SidebarHeader.open(session);
    return { name, session, options, sidebar };
  }

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'dealside-sync-e2e-'));
    server = await startSyncServer(path.join(dataDir, 'pglite'));
    users = await server.addTeam(TEAM, [
      { name: '陳怡君', email: 'yijun.chen@acme.com.tw', role: 'rep' },
      { name: 'David Lin', email: 'david.lin@acme.com.tw', role: 'manager' },
    ]);
    a = await launchRep('A');
    b = await launchRep('B');
  }, 120_000);

  afterAll(async () => {
    await a?.session.close();
    await b?.session.close();
    await server?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
    console.info(`sync e2e figures (ms): ${JSON.stringify(figures)}`);
  });

  it('checks the address before anything is sent, and says why the server refused', async () => {
    const [repA] = users as [SyncTestUser];
    expect(await a.sidebar.dot()).toBeNull();
    const token = await a.options.page.$eval('#sync-token', (input) => ({
      type: input.getAttribute('type'),
      autocomplete: input.getAttribute('autocomplete'),
    }));
    expect(token).toEqual({ type: 'password', autocomplete: 'off' });

    await a.options.connect('http://sync.acme.com.tw', repA.token);
    expect(await a.options.waitForText('Use https://.')).toMatch(
      /allowed only for localhost and 127\.0\.0\.1/,
    );
    expect(
      await a.options.page.$eval('#sync-server-url', (input) => input.getAttribute('aria-invalid')),
    ).toBe('true');

    await a.options.connect(server.url, 'not-the-token');
    await a.options.waitForText('The server did not accept this token');
    await screenshotPanel(a.options, 'sync-options-refused-en');
    await setLanguage(a, 'zh-TW');
    await a.options.connect(server.url, 'not-the-token');
    await a.options.waitForText('伺服器不接受這個權杖');
    await screenshotPanel(a.options, 'sync-options-refused-zh-TW');
    await setLanguage(a, 'en');
    expect(await a.sidebar.dot()).toBeNull();
  });

  it('connects each browser through options as its own user, and the dots turn green', async () => {
    const [repA, repB] = users as [SyncTestUser, SyncTestUser];
    for (const [rep, user] of [
      [a, repA],
      [b, repB],
    ] as const) {
      const started = Date.now();
      await rep.options.connect(server.url, user.token);
      await rep.options.waitForText(`Connected to ${TEAM}`);
      const text = await rep.options.waitForText('Last syncjust now');
      figures[`connect_to_first_sync_${rep.name}`] = Date.now() - started;
      expect(text).toContain(server.url);
      expect(text).toContain(`${user.name} (${user.role})`);
      expect(await rep.options.fact('sync-pending')).toBe('Nothing');
      const dot = await rep.sidebar.waitForDot('synced');
      expect(dot?.title).toBe('Synced just now');
      expect(dot?.label).toBe(`${dot?.title}. Open team sync settings`);
      expect(await grantedOrigins(rep.session)).toContain(`${server.url}/*`);
    }
    await a.sidebar.screenshotHeader('sync-dot-synced');
    for (const [where, page] of [
      ['options, connected', a.options.page],
      ['sidebar with the sync dot', a.sidebar.page],
    ] as const) {
      const blocking = blockingViolations(await runAxe(page));
      expect(blocking, describeViolations(where, blocking)).toEqual([]);
    }
    await screenshotPanel(a.options, 'sync-options-connected-en');
  });

  let dealId: string;

  it('a deal created in A, then edited there, appears in B', async () => {
    const now = Date.now();
    const pipeline: Pipeline = defaultPipeline('en', now);
    const company: Company = {
      ...recordBase(now),
      name: 'Hongda Electronics',
      domains: ['hongda.com.tw'],
      notes: '',
    };
    const settings = await readSettings(a.session.worker);
    const deal = dealRecord(now, {
      title: DEAL_TITLE,
      stageId: stageIdNamed(pipeline, 'Proposal'),
      companyId: company.id,
      pipelineId: pipeline.id,
      ownerId: settings?.user.id ?? '',
      amount: 120_000,
    });
    dealId = deal.id;
    const written = Date.now();
    await putRecords(a.session.worker, { pipelines: [pipeline], companies: [company], deals: [deal] });
    // Local writes never wait for the network: the dot says they wait, then the debounced round sends them.
    const waiting = await a.sidebar.waitForDot('pending', 5_000);
    expect(waiting?.title).toMatch(/^\d+ changes waiting to sync$/);
    await a.sidebar.waitForDot('synced');
    figures.write_to_pushed_A = Date.now() - written;
    expect(await a.options.fact('sync-pending')).toBe('Nothing');

    const pulling = Date.now();
    await b.options.syncNow();
    await b.options.waitForText('Synced.');
    figures.sync_now_pull_B = Date.now() - pulling;
    expect(await storedDeal(b, dealId)).toMatchObject({
      title: DEAL_TITLE,
      amount: 120_000,
      companyId: company.id,
    });
    // B's card names the owner from the team's member list, not "A teammate".
    expect(await b.sidebar.openDeal(DEAL_TITLE)).toMatchObject({
      amount: expect.stringContaining('120,000'),
      owner: users[0]?.name,
    });

    await updateRecord(a.session.worker, 'deals', dealId, { amount: 150_000, updatedAt: Date.now() });
    await a.sidebar.waitForDot('synced');
    await until(
      () => a.options.fact('sync-pending'),
      (pending) => pending === 'Nothing',
    );
    await b.options.syncNow();
    expect(await storedDeal(b, dealId)).toMatchObject({ amount: 150_000 });
  });

  it('offline, A changes the amount and B the next step of the same deal; after reconnecting both survive on both', async () => {
    await server.goOffline();
    const nextStep = { text: 'Call 林志明 about the pilot site', dueDate: null };
    await updateRecord(a.session.worker, 'deals', dealId, { amount: 250_000, updatedAt: Date.now() });
    await updateRecord(b.session.worker, 'deals', dealId, { nextStep, updatedAt: Date.now() });

    // The debounced round fails: amber, with the reason and when it retries, in words.
    for (const rep of [a, b]) {
      const dot = await until(
        () => rep.sidebar.dot(),
        (shown) => shown?.title.startsWith('Sync error:') ?? false,
      );
      expect(dot.value).toMatchObject({ tone: 'pending' });
      expect(dot.value?.title).toMatch(
        /^Sync error: Could not reach the server at http:\/\/127\.0\.0\.1:\d+\. .* \d changes? waiting\. Trying again in \d+ seconds\.$/,
      );
      await rep.options.waitForText('Last error');
      // One edit: the field (the record's updatedAt goes with it but is bookkeeping, not counted).
      expect(await rep.options.fact('sync-pending')).toBe('1 change');
    }
    await a.sidebar.screenshotHeader('sync-dot-retrying');
    expect(await a.options.fact('sync-last-error')).toMatch(
      /^Could not reach the server .* Dealside tries again in \d+ seconds\.$/,
    );
    // Local data is untouched while offline.
    expect(await storedDeal(a, dealId)).toMatchObject({ amount: 250_000, nextStep: null });
    expect(await storedDeal(b, dealId)).toMatchObject({ amount: 150_000, nextStep });

    await screenshotPanel(a.options, 'sync-options-offline-en');
    await setLanguage(b, 'zh-TW');
    await b.options.waitForText('上次錯誤');
    await screenshotPanel(b.options, 'sync-options-offline-zh-TW');
    await emulateColorScheme(b.options.page, 'dark');
    await screenshotPanel(b.options, 'sync-options-offline-zh-TW-dark');
    await b.options.page.setViewport({ width: 320, height: 900 });
    await screenshotPanel(b.options, 'sync-options-offline-zh-TW-320');
    await emulateColorScheme(b.options.page, 'light');
    await b.options.page.setViewport({ width: 900, height: 900 });

    await server.goOnline();
    const reconnected = Date.now();
    await a.options.syncNow();
    await b.options.syncNow();
    await a.options.syncNow();
    figures.reconnect_to_converged = Date.now() - reconnected;
    for (const rep of [a, b]) {
      expect(await storedDeal(rep, dealId)).toMatchObject({ amount: 250_000, nextStep });
      await rep.sidebar.waitForDot('synced');
    }
    const shownInB = await b.sidebar.openDeal(DEAL_TITLE);
    expect(shownInB.amount).toContain('250,000');
    expect(shownInB.nextStep).toContain(nextStep.text);
    await setLanguage(b, 'en');
  });

  it('shows the connected panel in Chinese, dark, and at 320 px', async () => {
    await setLanguage(a, 'zh-TW');
    await a.options.waitForText(`已連線到 ${TEAM}`);
    await screenshotPanel(a.options, 'sync-options-connected-zh-TW');
    await emulateColorScheme(a.options.page, 'dark');
    await screenshotPanel(a.options, 'sync-options-connected-zh-TW-dark');
    await a.options.page.setViewport({ width: 320, height: 900 });
    await screenshotPanel(a.options, 'sync-options-connected-zh-TW-320');
    const overflow = await a.options.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBe(0);
    await emulateColorScheme(a.options.page, 'light');
    await setLanguage(a, 'en');
  });

  it('turns the dot red when the admin revokes the token, and says so', async () => {
    const [, repB] = users as [SyncTestUser, SyncTestUser];
    await server.revokeToken(repB.tokenId);
    await b.options.syncNow();
    const dot = await b.sidebar.waitForDot('error');
    expect(dot?.title).toBe(
      'Sync error: The server did not accept this token. It may be mistyped or revoked: ask your admin for a new one.',
    );
    expect(await b.options.fact('sync-last-error')).toMatch(/^The server did not accept this token/);
    await b.sidebar.screenshotHeader('sync-dot-error');
    const blocking = blockingViolations(await runAxe(b.options.page));
    expect(blocking, describeViolations('options, sync error', blocking)).toEqual([]);
  });

  it('disconnecting asks first, keeps the data, hides the dot and gives the origin back', async () => {
    await b.options.page.bringToFront();
    await b.options.button('Disconnect').click();
    const dialog = await b.options.waitForText(`Disconnect from ${TEAM}?`);
    expect(dialog).toContain('Everything stays in this browser');
    await b.options.page.keyboard.press('Escape');
    await b.options.page.waitForFunction(() => !document.querySelector('[role="alertdialog"]'), {
      polling: 100,
    });
    expect(await b.options.text()).toContain(`Connected to ${TEAM}`);

    await b.options.button('Disconnect').click();
    await b.options.page
      .locator('[role="alertdialog"] ::-p-aria([name="Disconnect"][role="button"])')
      .click();
    await b.options.waitForText('Disconnected. Your data is still here.');
    expect(await b.options.page.$('#sync-server-url')).not.toBeNull();
    await b.sidebar.waitForDot(null);
    expect(await storedDeal(b, dealId)).toMatchObject({ title: DEAL_TITLE, amount: 250_000 });
    expect(await grantedOrigins(b.session)).not.toContain(`${server.url}/*`);
  });

  it('logged no errors in either options page', () => {
    expect(a.options.errors).toEqual([]);
    expect(b.options.errors).toEqual([]);
  });
});
