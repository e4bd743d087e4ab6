import type { WebWorker } from 'puppeteer-core';
import { createRandom } from '../../demo/data/random';
import type { Backup } from '../../lib/extension/backup/format';
import { ensureLargeDatabase, type WorkerScope } from '../support/large-database';
import { round, summarizeLatencies } from '../support/stats';
import type { Benchmark } from '../support/types';

const SAMPLES_PER_RUN = 40;
const WARM_UP = 20;
const LIMIT = 10;
/** A full scan reads every record; a few queries (a rare name, a name fragment, a miss) show its cost. */
const SCAN_QUERY_POSITIONS = [0, 1, 15];

type BenchScope = WorkerScope & { benchQueries?: string[] };

/**
 * searchCrm on the large database for what reps type: Chinese names and fragments, Latin words
 * and prefixes, addresses and domains, deal titles, one-letter queries and misses. Beside it,
 * the baseline it replaced: a substring filter over every record (Dexie `filter`, a full scan).
 */
export const searchCrmBenchmark: Benchmark = {
  name: 'search',
  description: 'searchCrm (index of words, prefixes and Chinese substrings) vs a full-scan filter',
  async run({ worker, runs }) {
    const backup = await ensureLargeDatabase(worker);
    const queries = realisticQueries(backup);
    await worker.evaluate((list) => {
      (globalThis as BenchScope).benchQueries = list;
    }, queries);
    const found = await worker.evaluate(async (limit) => {
      const scope = globalThis as BenchScope;
      const hooks = scope.dealsideTest;
      if (!hooks || !scope.benchQueries) throw new Error('search: the worker was not prepared');
      const counts: number[] = [];
      for (const query of scope.benchQueries) {
        const result = await hooks.searchCrm(hooks.database, query, limit);
        counts.push(result.contacts.length + result.companies.length + result.deals.length);
      }
      return counts;
    }, LIMIT);
    const hits = found.filter((count) => count > 0).length;
    if (hits === 0) throw new Error('search: no query found anything; the data set changed?');

    await timeSearch(worker, 0, WARM_UP);
    const samples = await timeSearch(worker, WARM_UP, runs * SAMPLES_PER_RUN);
    const scan = await timeScan(
      worker,
      SCAN_QUERY_POSITIONS.map((position) => queries[position] as string),
    );
    return {
      ...summarizeLatencies('search', samples),
      search_full_scan_p50_ms: round([...scan].sort((a, b) => a - b)[Math.floor(scan.length / 2)] as number),
    };
  },
};

/** Real names, fragments and addresses from the data set, plus queries that find nothing. */
function realisticQueries(backup: Backup): string[] {
  const random = createRandom(5);
  const chineseNames = backup.contacts.filter((contact) => /^\p{sc=Han}{2,4}$/u.test(contact.name));
  const latinNames = backup.contacts.filter((contact) => /^[A-Za-z]+ [A-Za-z]+$/.test(contact.name));
  const chineseCompanies = backup.companies.filter((company) => /^\p{sc=Han}/u.test(company.name));
  const latinCompanies = backup.companies.filter((company) => /^[A-Z]/.test(company.name));
  const queries: string[] = [];
  for (let round = 0; round < 4; round++) {
    const chinese = random.pick(chineseNames).name;
    const latin = random.pick(latinNames).name;
    const contact = random.pick(backup.contacts);
    const address = contact.emails[0] ?? 'nobody@example.com';
    const chineseCompany = random.pick(chineseCompanies).name;
    const latinCompany = random.pick(latinCompanies);
    const deal = random.pick(backup.deals);
    queries.push(
      chinese, // 陳怡君
      chinese.slice(1), // 怡君: inside the name
      chinese.slice(0, 1), // 陳: one character, thousands of matches
      latin.split(' ')[0] ?? latin, // Amy
      latin.toUpperCase().slice(0, 3), // AMY → case-insensitive prefix
      address, // the whole address
      address.slice(0, address.indexOf('@') + 1), // yijun.chen@
      address.split('@')[1] ?? address, // hongda-precision.com.tw
      chineseCompany.slice(0, 4), // 宏達精密
      chineseCompany.slice(2, 4), // 精密: inside the name
      latinCompany.name.split(' ')[0]?.toLowerCase() ?? 'acme', // hongda
      latinCompany.domains[0]?.slice(2, 7) ?? 'ngda', // inside a domain
      deal.title.split(' ')[1] ?? deal.title, // 設備聯網 / edge
      `#${deal.title.split('#')[1] ?? '1'}`, // #1234
      'c', // one Latin letter
      round % 2 === 0 ? '不存在的公司' : 'zzqx', // nothing
    );
  }
  return queries;
}

async function timeSearch(worker: WebWorker, start: number, count: number): Promise<number[]> {
  return worker.evaluate(
    async (first, total, limit) => {
      const scope = globalThis as BenchScope;
      const hooks = scope.dealsideTest;
      const queries = scope.benchQueries;
      if (!hooks || !queries) throw new Error('search: the worker was not prepared');
      const elapsed: number[] = [];
      for (let index = first; index < first + total; index++) {
        const started = performance.now();
        await hooks.searchCrm(hooks.database, queries[index % queries.length] as string, limit);
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    start,
    count,
    LIMIT,
  );
}

/** The previous implementation: a case-insensitive substring filter over every live record. */
async function timeScan(worker: WebWorker, queries: string[]): Promise<number[]> {
  return worker.evaluate(
    async (list, limit) => {
      const database = (globalThis as BenchScope).dealsideTest?.database;
      if (!database) throw new Error('search: the worker was not prepared');
      const elapsed: number[] = [];
      for (const query of list) {
        const needle = query.toLowerCase();
        const contains = (...texts: string[]) => texts.some((text) => text.toLowerCase().includes(needle));
        const started = performance.now();
        await Promise.all([
          database.contacts
            .filter(
              (contact) => !contact.deleted && contains(contact.name, contact.jobTitle, ...contact.emails),
            )
            .limit(limit)
            .toArray(),
          database.companies
            .filter((company) => !company.deleted && contains(company.name, ...company.domains))
            .limit(limit)
            .toArray(),
          database.deals
            .filter((deal) => !deal.deleted && contains(deal.title))
            .limit(limit)
            .toArray(),
        ]);
        elapsed.push(performance.now() - started);
      }
      return elapsed;
    },
    queries,
    LIMIT,
  );
}
