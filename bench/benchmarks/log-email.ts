import type { Browser, Page, WebWorker } from 'puppeteer-core';
import { createRandom } from '../../demo/data/random';
import { seededUlid } from '../../demo/data/seeded-ulid';
import type { Backup } from '../../lib/extension/backup/format';
import { emailDetailsOf, type LogEmailRequest } from '../../lib/extension/email-log/log-email';
import { mailPageStorageKey } from '../../lib/extension/platform/mail-page-store';
import type { MailPageState, OpenThread } from '../../lib/mail-page/mail-page-state';
import { type EmailActivity, emailMessageKey, type MailParticipant } from '../../lib/shared/model';
import { normalizeAddress } from '../../lib/shared/model/address';
import { ensureLargeDatabase, LARGE_DATASET, type WorkerScope } from '../support/large-database';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

/** Deals the messages are logged on: open, with a contact, and with activities already. */
const DEAL_COUNT = 120;
/** Every fifth call re-logs a message the deal already holds: it must add nothing. */
const DUPLICATE_EVERY = 5;
const CALL_SAMPLES_PER_RUN = 40;
const CALL_WARM_UP = 20;
const CLICK_WARM_UP = 5;
const MIN_CLICK_SAMPLES = 30;
const CLICK_SAMPLES_PER_RUN = 5;
/** Quiet time before and after each click, as a rep reads the thread and then the outcome. */
const SETTLE_MS = 150;
const TIMEOUT_MS = 15_000;

/** One log action as both sides perform it; `duplicate` ones name a message logged before. */
type LogCase = {
  request: LogEmailRequest;
  duplicate: boolean;
  /** What the raw side needs, derived here as logEmails derives it itself. */
  raw: { messageKey: string; addressKeys: string[]; activity: EmailActivity };
};

type BenchScope = WorkerScope & {
  benchDexieCases?: LogCase[];
  benchRawCases?: LogCase[];
  benchRawDatabase?: IDBDatabase;
};

/** Read-write transactions on activities: when each was opened and when it committed. */
type ClickProbe = {
  clickedAt: number | null;
  transactions: { openedAt: number; committedAt: number | null }[];
};

/** Milliseconds from the click to the transaction opening (React, the mutation, logEmails' checks) and to its commit. */
type ClickTiming = { toTransaction: number; toCommit: number };

type ChromeApi = {
  storage: { session: { set(items: Record<string, unknown>): Promise<void> } };
  tabs: { getCurrent(): Promise<{ id?: number } | undefined> };
};

type PageScope = { chrome: ChromeApi; benchLogProbe?: ClickProbe };

/**
 * Logging one message on a deal that already has activities, on the large database, three ways:
 * - `log_email`: a real click on the sidebar's "Log email" (sidebar.html in a tab, the thread
 *   handed over as the background does) until IndexedDB fires `complete` on the read-write
 *   transaction that wrote the activity: React's handler, the duplicate check, the contact lookup,
 *   validation, the put and the commit. The page's own IDB transactions are observed, not changed.
 * - `log_email_call`: logEmails(database, request) in the service worker, from the call until its
 *   promise settles (after the commit); one call in five re-logs a logged message and adds nothing.
 * - `log_raw_idb`: the same reads and write with the raw IndexedDB API in one read-write
 *   transaction (the deal, the unique messageKey index, the contacts' addressKeys index, the put),
 *   the same mix of new and already-logged messages, until `complete`.
 */
export const logEmailBenchmark: Benchmark = {
  name: 'log',
  description: 'Log email: click → committed in sidebar.html, logEmails vs raw IndexedDB (large database)',
  async run({ browser, worker, extensionId, runs }) {
    const backup = await ensureLargeDatabase(worker);
    const deals = dealsWithHistory(backup);
    const callCount = CALL_WARM_UP + runs * CALL_SAMPLES_PER_RUN;
    const dexieCases = logCases(backup, deals, 'call', callCount);
    const rawCases = logCases(backup, deals, 'raw', callCount);
    await worker.evaluate(
      async (dexie, raw) => {
        const scope = globalThis as BenchScope;
        scope.benchDexieCases = dexie;
        scope.benchRawCases = raw;
        scope.benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('dealside');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      },
      dexieCases,
      rawCases,
    );

    const dexie: number[] = [];
    const raw: number[] = [];
    try {
      await timeDexie(worker, 0, CALL_WARM_UP);
      await timeRaw(worker, 0, CALL_WARM_UP);
      // Alternate in blocks so neither side always meets a warmer cache or a busier disk.
      for (let start = CALL_WARM_UP; start < callCount; start += CALL_SAMPLES_PER_RUN) {
        dexie.push(...(await timeDexie(worker, start, CALL_SAMPLES_PER_RUN)));
        raw.push(...(await timeRaw(worker, start, CALL_SAMPLES_PER_RUN)));
      }
      await expectEachLoggedOnce(worker, [...dexieCases, ...rawCases]);
    } finally {
      await worker.evaluate(() => {
        const scope = globalThis as BenchScope;
        scope.benchRawDatabase?.close();
        delete scope.benchRawDatabase;
        delete scope.benchDexieCases;
        delete scope.benchRawCases;
      });
    }

    const clickCases = logCases(
      backup,
      deals,
      'click',
      CLICK_WARM_UP + Math.max(MIN_CLICK_SAMPLES, runs * CLICK_SAMPLES_PER_RUN),
    ).filter((logCase) => !logCase.duplicate);
    const clicks = (await timeClicks(browser, worker, extensionId, clickCases)).slice(CLICK_WARM_UP);
    await expectEachLoggedOnce(worker, clickCases);

    const callFigures = summarizeLatencies('log_email_call', dexie);
    const rawFigures = summarizeLatencies('log_raw_idb', raw);
    return {
      ...summarizeLatencies(
        'log_email',
        clicks.map((timing) => timing.toCommit),
      ),
      // Where a click's time goes: until logEmails opens its transaction, the rest is the transaction.
      ...summarizeLatencies(
        'log_email_click_to_transaction',
        clicks.map((timing) => timing.toTransaction),
      ),
      ...callFigures,
      ...rawFigures,
      log_email_call_vs_raw_idb_p95_ratio: round(
        (callFigures.log_email_call_p95_ms as number) / (rawFigures.log_raw_idb_p95_ms as number),
      ),
    };
  },
};

/** Open deals with a contact that has an address and at least one activity: an ongoing deal. */
function dealsWithHistory(backup: Backup) {
  const contactsById = new Map(backup.contacts.map((contact) => [contact.id, contact]));
  const withActivities = new Set(backup.activities.map((activity) => activity.dealId));
  const candidates = backup.deals.filter(
    (deal) =>
      deal.status === 'open' &&
      withActivities.has(deal.id) &&
      contactsById.get(deal.contactIds[0] ?? '')?.emails[0] !== undefined,
  );
  const deals = createRandom(41).sample(candidates, DEAL_COUNT);
  if (deals.length < DEAL_COUNT)
    throw new Error('log: too few open deals with activities; data set changed?');
  return deals.map((deal) => {
    const contact = contactsById.get(deal.contactIds[0] ?? '');
    if (!contact?.emails[0]) throw new Error('log: a deal contact without an address');
    return { deal, customer: { name: contact.name, address: contact.emails[0] } };
  });
}

/**
 * Log actions of one message each, from a deal's contact to the rep, every one new except every
 * DUPLICATE_EVERY-th, which repeats the previous message of the same deal. `label` keeps the
 * messages of the three measurements apart, so each side logs its own.
 */
function logCases(
  backup: Backup,
  deals: ReturnType<typeof dealsWithHistory>,
  label: string,
  count: number,
): LogCase[] {
  const settings = backup.settings;
  if (!settings) throw new Error('the large dataset has no settings');
  const random = createRandom(label.length * 7919 + count);
  const self: MailParticipant = { name: settings.user.name, address: settings.user.email };
  const lastContext = new Map<string, OpenThread>();
  return Array.from({ length: count }, (_, index): LogCase => {
    const { deal, customer } = deals[index % deals.length] as (typeof deals)[number];
    const previous = lastContext.get(deal.id);
    const duplicate = index % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && previous !== undefined;
    const date = LARGE_DATASET.now - (count - index) * 60_000;
    const context: OpenThread =
      previous && duplicate
        ? previous
        : {
            provider: 'gmail',
            account: self.address,
            threadId: `bench-log-${label}-${index}`,
            subject: `Re: 報價單 #${index}`,
            threadUrl: `https://mail.google.com/mail/u/0/#inbox/benchlog${label}${index}`,
            messages: [
              {
                providerMessageId: `bench-log-${label}-${index}`,
                rfcMessageId: `bench-log-${label}-${index}@mail.example.com.tw`,
                from: customer,
                to: [self],
                cc: [],
                date,
                snippet: '附上報價單，請參考。',
              },
            ],
          };
    lastContext.set(deal.id, context);
    const message = context.messages[0];
    const email = message ? emailDetailsOf(context, message, null) : null;
    if (!message?.from || message.date === null || !email)
      throw new Error('log: an incomplete bench message');
    const messageKey = emailMessageKey(deal.id, email);
    return {
      request: {
        dealId: deal.id,
        context,
        providerMessageIds: [message.providerMessageId],
        authorId: settings.user.id,
        neverLog: settings.neverLog,
      },
      duplicate,
      raw: {
        messageKey,
        addressKeys: [
          ...new Set([message.from, ...message.to].map(({ address }) => normalizeAddress(address))),
        ],
        activity: {
          id: seededUlid(random, message.date),
          createdAt: date,
          updatedAt: date,
          deleted: false,
          kind: 'email',
          dealId: deal.id,
          contactIds: [],
          companyId: deal.companyId,
          occurredAt: message.date,
          authorId: settings.user.id,
          email,
          messageKey,
        },
      },
    };
  });
}

async function timeDexie(worker: WebWorker, start: number, count: number): Promise<number[]> {
  return worker.evaluate(
    async (first, total) => {
      const scope = globalThis as BenchScope;
      const hooks = scope.dealsideTest;
      const cases = scope.benchDexieCases;
      if (!hooks || !cases) throw new Error('log: the worker was not prepared');
      const elapsed: number[] = [];
      for (let index = first; index < first + total; index++) {
        const logCase = cases[index] as LogCase;
        const started = performance.now();
        const result = await hooks.logEmails(hooks.database, logCase.request);
        elapsed.push(performance.now() - started);
        if (result.logged.length !== (logCase.duplicate ? 0 : 1))
          throw new Error(`log: logEmails logged ${result.logged.length} (duplicate: ${logCase.duplicate})`);
      }
      return elapsed;
    },
    start,
    count,
  );
}

async function timeRaw(worker: WebWorker, start: number, count: number): Promise<number[]> {
  return worker.evaluate(
    async (first, total) => {
      type Row = { id: string; deleted: boolean };
      const scope = globalThis as BenchScope;
      const database = scope.benchRawDatabase;
      const cases = scope.benchRawCases;
      if (!database || !cases) throw new Error('log: the worker was not prepared');
      const request = <T>(source: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          source.onsuccess = () => resolve(source.result);
          source.onerror = () => reject(source.error);
        });
      const elapsed: number[] = [];
      for (let index = first; index < first + total; index++) {
        const { raw, duplicate } = cases[index] as LogCase;
        const started = performance.now();
        const transaction = database.transaction(['activities', 'deals', 'contacts'], 'readwrite');
        const committed = new Promise<void>((resolve, reject) => {
          transaction.oncomplete = () => resolve();
          transaction.onerror = () => reject(transaction.error);
          transaction.onabort = () => reject(transaction.error);
        });
        const activities = transaction.objectStore('activities');
        const contacts = transaction.objectStore('contacts');
        const [deal, existing, contactLists] = await Promise.all([
          request(transaction.objectStore('deals').get(raw.activity.dealId ?? '')) as Promise<
            Row | undefined
          >,
          request(activities.index('messageKey').get(raw.messageKey)) as Promise<Row | undefined>,
          Promise.all(raw.addressKeys.map((key) => request(contacts.index('addressKeys').getAll(key)))),
        ]);
        if (!deal || deal.deleted) throw new Error('log: the raw side found no deal');
        const logged = existing !== undefined && !existing.deleted;
        if (!logged) {
          const contactIds = (contactLists.flat() as Row[])
            .filter((contact) => !contact.deleted)
            .map((contact) => contact.id);
          activities.put({ ...raw.activity, contactIds });
        }
        await committed;
        elapsed.push(performance.now() - started);
        if (logged !== duplicate) throw new Error(`log: raw found logged=${logged}, duplicate=${duplicate}`);
      }
      return elapsed;
    },
    start,
    count,
  );
}

/** Every message the cases name is on its deal exactly once, and live. */
async function expectEachLoggedOnce(worker: WebWorker, cases: LogCase[]): Promise<void> {
  const keys = [...new Set(cases.map((logCase) => logCase.raw.messageKey))];
  const found = await worker.evaluate(async (messageKeys) => {
    const database = (globalThis as WorkerScope).dealsideTest?.database;
    if (!database) throw new Error('no dealsideTest hook');
    const rows = await database.activities.where('messageKey').anyOf(messageKeys).toArray();
    return rows.filter((row) => !row.deleted).length;
  }, keys);
  if (found !== keys.length) throw new Error(`log: ${found} live activities for ${keys.length} messages`);
}

/**
 * Clicks "Log email" in a sidebar.html tab for each case's thread and times, from the click
 * event's timestamp (the input event, before React sees it), the opening and the `complete` event
 * of the first read-write transaction on activities after it.
 */
async function timeClicks(
  browser: Browser,
  worker: WebWorker,
  extensionId: string,
  cases: LogCase[],
): Promise<ClickTiming[]> {
  const page = await browser.newPage();
  try {
    const key = mailPageStorageKey(await openSidebar(page, extensionId));
    const timings: ClickTiming[] = [];
    for (const { request } of cases) {
      const state: MailPageState = { status: 'thread', context: request.context };
      await worker.evaluate(
        async (storageKey, value) => {
          await (globalThis as unknown as PageScope).chrome.storage.session.set({ [storageKey]: value });
        },
        key,
        state,
      );
      const button = `[data-deal-id="${request.dealId}"] [data-testid="log-email-button"]`;
      await page.waitForFunction(
        (selector: string, subject: string) =>
          document.querySelector('[data-testid="thread-subject"] bdi')?.textContent === subject &&
          document.querySelector<HTMLButtonElement>(selector)?.disabled === false,
        { timeout: TIMEOUT_MS },
        button,
        request.context.subject,
      );
      // A rep reads the thread before clicking; the cards' own reads (timelines) finish meanwhile.
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      await page.evaluate(() => {
        const probe = (globalThis as unknown as PageScope).benchLogProbe;
        if (!probe) throw new Error('log: the probe is not installed');
        probe.clickedAt = null;
        probe.transactions = [];
      });
      await page.click(button);
      timings.push(
        await page.evaluate(async (timeoutMs: number): Promise<ClickTiming> => {
          const probe = (globalThis as unknown as PageScope).benchLogProbe as ClickProbe;
          const deadline = performance.now() + timeoutMs;
          while (performance.now() < deadline) {
            const clickedAt = probe.clickedAt;
            const logged = probe.transactions.find(
              (entry) => clickedAt !== null && entry.openedAt > clickedAt && entry.committedAt !== null,
            );
            if (clickedAt !== null && logged?.committedAt) {
              return { toTransaction: logged.openedAt - clickedAt, toCommit: logged.committedAt - clickedAt };
            }
            await new Promise((resolve) => setTimeout(resolve, 5));
          }
          throw new Error('log: no commit after the click');
        }, TIMEOUT_MS),
      );
      await page.waitForSelector(`${button}[data-logged="true"]`, { timeout: TIMEOUT_MS });
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    }
    return timings;
  } finally {
    await page.close();
  }
}

/**
 * Opens sidebar.html in its own tab (tabs.getCurrent() answers with it, as for the frame in a mail
 * tab) and installs the probe: a capturing click listener, and a `complete` listener on every
 * read-write transaction that includes activities (beside Dexie's own handlers, which it leaves alone).
 */
async function openSidebar(page: Page, extensionId: string): Promise<number> {
  // See bench/support/browser.ts: functions compiled by tsx call __name().
  await page.evaluateOnNewDocument('globalThis.__name = (target) => target');
  // Before the page's scripts: Dexie binds IDBDatabase.transaction when it opens its connection.
  await page.evaluateOnNewDocument(() => {
    const probe: ClickProbe = { clickedAt: null, transactions: [] };
    (globalThis as unknown as PageScope).benchLogProbe = probe;
    window.addEventListener(
      'click',
      (event) => {
        if ((event.target as Element | null)?.closest('[data-testid="log-email-button"]'))
          probe.clickedAt = event.timeStamp;
      },
      { capture: true },
    );
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, storeNames, mode, options) {
      const transaction = open.call(this, storeNames, mode, options);
      const names = typeof storeNames === 'string' ? [storeNames] : [...storeNames];
      if (mode === 'readwrite' && names.includes('activities')) {
        const entry = { openedAt: performance.now(), committedAt: null as number | null };
        probe.transactions.push(entry);
        transaction.addEventListener('complete', () => {
          entry.committedAt = performance.now();
        });
      }
      return transaction;
    };
  });
  await page.goto(`chrome-extension://${extensionId}/sidebar.html?host=gmail`);
  await page.bringToFront();
  await page.waitForSelector('[data-testid="no-thread"]', { timeout: 60_000 });
  const tabId = await page.evaluate(
    async () => (await (globalThis as unknown as PageScope).chrome.tabs.getCurrent())?.id,
  );
  if (tabId === undefined) throw new Error('log: tabs.getCurrent() found no tab');
  return tabId;
}
