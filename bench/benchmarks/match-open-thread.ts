import type { WebWorker } from 'puppeteer-core';
import { createRandom } from '../../demo/data/random';
import type { Backup } from '../../lib/extension/backup/format';
import { isFreeMailDomain } from '../../lib/extension/matching/free-mail';
import type { OpenThread } from '../../lib/mail-page/mail-page-state';
import type { MailParticipant } from '../../lib/shared/model';
import { normalizeAddress, registrableDomainOf } from '../../lib/shared/model/address';
import { ensureLargeDatabase, type WorkerScope } from '../support/large-database';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

const THREAD_COUNT = 200;
const SAMPLES_PER_RUN = 100;
const WARM_UP = 50;

/** What the raw baseline looks up for one thread: the keys matchOpenThread derives itself. */
type RawLookup = { addressKeys: string[]; domains: string[] };

type BenchScope = WorkerScope & {
  benchThreads?: OpenThread[];
  benchLookups?: RawLookup[];
  benchRawDatabase?: IDBDatabase;
};

/**
 * matchOpenThread on 10-address threads against the large database, in the service worker,
 * beside the same three rounds of index lookups written with the raw IndexedDB API (no ranking,
 * no record assembly): the floor any IndexedDB implementation of this matching has.
 */
export const matchOpenThreadBenchmark: Benchmark = {
  name: 'match',
  description: 'matchOpenThread on 10-address threads (100k contacts) vs the same lookups in raw IndexedDB',
  async run({ worker, runs }) {
    const backup = await ensureLargeDatabase(worker);
    const threads = realisticThreads(backup);
    const settings = backup.settings;
    if (!settings) throw new Error('the large dataset has no settings');
    const ownDomains = new Set(settings.ownDomains);
    const lookups = threads.map((thread): RawLookup => {
      const addresses = thread.messages.flatMap((message) => [message.from, ...message.to, ...message.cc]);
      const customers = addresses.filter(
        (participant): participant is MailParticipant =>
          participant !== null &&
          participant.address !== thread.account &&
          !ownDomains.has(registrableDomainOf(participant.address) ?? ''),
      );
      const domains = customers.flatMap(({ address }) => {
        const domain = registrableDomainOf(address);
        return domain && !isFreeMailDomain(domain) ? [domain] : [];
      });
      return {
        addressKeys: [...new Set(customers.map(({ address }) => normalizeAddress(address)))],
        domains: [...new Set(domains)],
      };
    });
    await worker.evaluate(
      async (contexts, rawLookups) => {
        const scope = globalThis as BenchScope;
        scope.benchThreads = contexts;
        scope.benchLookups = rawLookups;
        scope.benchRawDatabase = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open('dealside');
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
      },
      threads,
      lookups,
    );

    if ((await openDealsOfFirstThread(worker, settings)) === 0)
      throw new Error('match: the sample thread matched no deal; the data set changed?');

    const dexie: number[] = [];
    const raw: number[] = [];
    const samples = runs * SAMPLES_PER_RUN;
    await timeDexie(worker, settings.ownDomains, 0, WARM_UP);
    await timeRaw(worker, 0, WARM_UP);
    // Alternate in blocks so neither side always meets a warmer cache or a busier disk.
    for (let start = 0; start < samples; start += SAMPLES_PER_RUN) {
      dexie.push(...(await timeDexie(worker, settings.ownDomains, start, SAMPLES_PER_RUN)));
      raw.push(...(await timeRaw(worker, start, SAMPLES_PER_RUN)));
    }
    await worker.evaluate(() => {
      const scope = globalThis as BenchScope;
      scope.benchRawDatabase?.close();
      delete scope.benchRawDatabase;
      delete scope.benchThreads;
      delete scope.benchLookups;
    });
    const dexieFigures = summarizeLatencies('match', dexie);
    const rawFigures = summarizeLatencies('match_raw_idb', raw);
    return {
      ...dexieFigures,
      ...rawFigures,
      match_vs_raw_idb_p95_ratio: round(
        (dexieFigures.match_p95_ms as number) / (rawFigures.match_raw_idb_p95_ms as number),
      ),
    };
  },
};

/**
 * Threads as a rep sees them: three contacts with open deals, another contact, a new person at a
 * known company, two unknown senders, a colleague, a free-mail address and the rep's own account.
 */
function realisticThreads(backup: Backup): OpenThread[] {
  const random = createRandom(11);
  const contactsById = new Map(backup.contacts.map((contact) => [contact.id, contact]));
  const companiesById = new Map(backup.companies.map((company) => [company.id, company]));
  const openDeals = backup.deals.filter((deal) => deal.status === 'open' && deal.contactIds.length > 0);
  const account = backup.settings?.user.email ?? 'xiaoming.wang@sensecloud.com.tw';
  const participant = (name: string, address: string): MailParticipant => ({ name, address });
  const contactOf = (id: string | undefined) => {
    const contact = id ? contactsById.get(id) : undefined;
    if (!contact?.emails[0]) throw new Error('contact without address');
    return participant(contact.name, contact.emails[0]);
  };
  return Array.from({ length: THREAD_COUNT }, (_, index): OpenThread => {
    const withDeals = Array.from({ length: 3 }, () => contactOf(random.pick(openDeals).contactIds[0]));
    const other = contactOf(random.pick(backup.contacts).id);
    const company = companiesById.get(random.pick(openDeals).companyId ?? '');
    const newcomer = participant('New Person', `new.person${index}@${company?.domains[0] ?? 'example.com'}`);
    const unknown = [
      participant('Stranger', `hello${index}@startup${index}.com.tw`),
      participant('Vendor', `sales@vendor-${index}.io`),
    ];
    const colleague = participant('同事', `colleague${index}@sensecloud.com.tw`);
    const freeMail = participant('Friend', `friend.${index}@gmail.com`);
    const self = participant('王小明', account);
    const [first, second, third] = withDeals as [MailParticipant, MailParticipant, MailParticipant];
    const message = (
      from: MailParticipant,
      to: MailParticipant[],
      cc: MailParticipant[],
      offset: number,
    ) => ({
      providerMessageId: `bench${index}-${offset}`,
      rfcMessageId: null,
      from,
      to,
      cc,
      date: Date.UTC(2026, 9, 1) + offset * 3_600_000,
      snippet: '',
    });
    return {
      provider: 'gmail',
      account,
      threadId: `bench-thread-${index}`,
      subject: '報價單',
      threadUrl: `https://mail.google.com/mail/u/0/#inbox/bench${index}`,
      messages: [
        message(first, [self], [second, colleague], 0),
        message(self, [first, second], [third, other, newcomer], 1),
        message(third, [self, ...unknown], [freeMail], 2),
      ],
    };
  });
}

async function openDealsOfFirstThread(worker: WebWorker, settings: NonNullable<Backup['settings']>) {
  return worker.evaluate(async (ownDomains) => {
    const scope = globalThis as BenchScope;
    const hooks = scope.dealsideTest;
    const thread = scope.benchThreads?.[0];
    if (!hooks || !thread) throw new Error('match: the worker was not prepared');
    const result = await hooks.matchOpenThread(hooks.database, thread, { ownDomains });
    return result.deals.length;
  }, settings.ownDomains);
}

async function timeDexie(worker: WebWorker, ownDomains: string[], start: number, count: number) {
  return worker.evaluate(
    async (domains, first, total) => {
      const scope = globalThis as BenchScope;
      const hooks = scope.dealsideTest;
      const threads = scope.benchThreads;
      if (!hooks || !threads) throw new Error('match: the worker was not prepared');
      const elapsed: number[] = [];
      for (let index = first; index < first + total; index++) {
        const thread = threads[index % threads.length] as OpenThread;
        const started = performance.now();
        await hooks.matchOpenThread(hooks.database, thread, { ownDomains: domains });
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    ownDomains,
    start,
    count,
  );
}

async function timeRaw(worker: WebWorker, start: number, count: number) {
  return worker.evaluate(
    async (first, total) => {
      type Row = { id: string; deleted: boolean; companyId?: string | null; contactIds?: string[] };
      type DealRow = Row & { pipelineId: string; contactIds: string[]; companyId: string | null };
      const scope = globalThis as BenchScope;
      const database = scope.benchRawDatabase;
      const lookups = scope.benchLookups;
      if (!database || !lookups) throw new Error('match: the worker was not prepared');
      const request = <T>(source: IDBRequest<T>) =>
        new Promise<T>((resolve, reject) => {
          source.onsuccess = () => resolve(source.result);
          source.onerror = () => reject(source.error);
        });
      const live = <T extends Row>(rows: (T | undefined)[]) =>
        rows.filter((row): row is T => row !== undefined && !row.deleted);
      const elapsed: number[] = [];
      for (let index = first; index < first + total; index++) {
        const lookup = lookups[index % lookups.length] as RawLookup;
        const started = performance.now();
        const transaction = database.transaction(['contacts', 'companies', 'deals', 'pipelines'], 'readonly');
        const contacts = transaction.objectStore('contacts');
        const companies = transaction.objectStore('companies');
        const deals = transaction.objectStore('deals');
        const pipelines = transaction.objectStore('pipelines');
        const [contactLists, companyLists] = await Promise.all([
          Promise.all(lookup.addressKeys.map((key) => request(contacts.index('addressKeys').getAll(key)))),
          Promise.all(lookup.domains.map((domain) => request(companies.index('domains').getAll(domain)))),
        ]);
        const matchedContacts = live(contactLists.flat() as Row[]);
        const domainCompanies = live(companyLists.flat() as Row[]);
        const knownCompanies = new Set(domainCompanies.map((company) => company.id));
        const contactCompanyIds = [
          ...new Set(matchedContacts.flatMap((contact) => (contact.companyId ? [contact.companyId] : []))),
        ].filter((id) => !knownCompanies.has(id));
        const companyIds = [...knownCompanies, ...contactCompanyIds];
        const [, byContact, byCompany] = await Promise.all([
          Promise.all(contactCompanyIds.map((id) => request(companies.get(id)))),
          Promise.all(
            matchedContacts.map((contact) => request(deals.index('contactIds').getAll(contact.id))),
          ),
          Promise.all(companyIds.map((id) => request(deals.index('companyId').getAll(id)))),
        ]);
        const matchedDeals = new Map<string, DealRow>();
        for (const deal of live([...byContact.flat(), ...byCompany.flat()] as DealRow[])) {
          matchedDeals.set(deal.id, deal);
        }
        const dealList = [...matchedDeals.values()];
        await Promise.all([
          Promise.all(
            [...new Set(dealList.map((deal) => deal.pipelineId))].map((id) => request(pipelines.get(id))),
          ),
          Promise.all(
            [...new Set(dealList.flatMap((deal) => (deal.companyId ? [deal.companyId] : [])))].map((id) =>
              request(companies.get(id)),
            ),
          ),
          Promise.all(
            [...new Set(dealList.flatMap((deal) => deal.contactIds))].map((id) => request(contacts.get(id))),
          ),
        ]);
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    start,
    count,
  );
}
