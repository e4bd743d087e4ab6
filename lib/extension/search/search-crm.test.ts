import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeCompany, makeContact, makeDeal, makePipeline } from '@/tests/unit/records';
import { searchCrm } from './search-crm';
import { INFIX_MARK, minimumInfixLength, searchTermsOf, wordsOf } from './search-terms';

describe('search terms', () => {
  it('split Latin words and Chinese runs, folding width and case', () => {
    expect(wordsOf('acme taiwan ltd.')).toEqual(['acme', 'taiwan', 'ltd']);
    expect(wordsOf('poc時程確認 #12')).toEqual(['poc', '時程確認', '12']);
  });

  it('index field values, words, and word suffixes for substring search', () => {
    const terms = searchTermsOf(['陳怡君', 'ＡＣＭＥ Taiwan']);
    expect(terms).toEqual(
      expect.arrayContaining([
        '陳怡君',
        `${INFIX_MARK}怡君`,
        `${INFIX_MARK}君`,
        'acme taiwan',
        'acme',
        'taiwan',
        `${INFIX_MARK}aiwan`,
      ]),
    );
    // One Latin letter is not worth an index entry of its own.
    expect(terms).not.toContain(`${INFIX_MARK}n`);
  });

  it('stay bounded for hostile 200-character names', () => {
    const terms = searchTermsOf(['x'.repeat(200), '測'.repeat(200)]);
    expect(terms.length).toBeLessThan(500);
    expect(Math.max(...terms.map((term) => term.length))).toBeLessThanOrEqual(25);
  });
});

describe('searchCrm', () => {
  const pipeline = makePipeline();
  const hongda = makeCompany({ name: '宏達精密股份有限公司', domains: ['hongda.com.tw'] });
  const acme = makeCompany({ name: 'Acme Taiwan Ltd.', domains: ['acme.com.tw', 'acmetw.com'] });
  const bigAcme = makeCompany({ name: 'Big Acme Corporation', domains: ['bigacme.com'] });
  const acmeOld = makeCompany({ name: 'Acme Taiwan (old)', domains: ['acme-old.com.tw'], deleted: true });
  const yijun = makeContact({ name: '陳怡君', emails: ['yijun.chen@hongda.com.tw'], jobTitle: '採購經理' });
  const yijunLin = makeContact({
    name: '林怡君',
    emails: ['yijun.lin@acme.com.tw'],
    jobTitle: 'Purchasing Manager',
  });
  const amy = makeContact({ name: 'Amy Chen', emails: ['amy.chen@acme.com.tw'], jobTitle: 'CTO' });
  const gone = makeContact({ name: '陳怡君', emails: ['old@hongda.com.tw'], deleted: true });
  const mes = makeDeal(pipeline, { title: 'MES 系統導入 #12' });
  const iot = makeDeal(pipeline, { title: 'Acme IoT platform' });

  async function search(query: string, limit = 10) {
    const database = isolatedDatabase();
    await database.companies.bulkPut([hongda, acme, bigAcme, acmeOld]);
    await database.contacts.bulkPut([yijun, yijunLin, amy, gone]);
    await database.deals.bulkPut([mes, iot]);
    const result = await searchCrm(database, query, limit);
    database.close();
    return {
      contacts: result.contacts.map((record) => record.name),
      companies: result.companies.map((record) => record.name),
      deals: result.deals.map((record) => record.title),
    };
  }

  it('finds Chinese text by any part of it', async () => {
    // Equal matches keep creation order.
    expect((await search('怡君')).contacts).toEqual(['陳怡君', '林怡君']);
    expect((await search('陳怡君')).contacts).toEqual(['陳怡君']);
    expect((await search('精密')).companies).toEqual(['宏達精密股份有限公司']);
    expect((await search('系統導入')).deals).toEqual(['MES 系統導入 #12']);
    expect((await search('經理')).contacts).toEqual(['陳怡君']);
  });

  it('finds Latin text by prefix or substring, case- and width-insensitively, prefixes first', async () => {
    expect((await search('ACME')).companies).toEqual(['Acme Taiwan Ltd.', 'Big Acme Corporation']);
    expect((await search('ａｃｍｅ ｔａｉ')).companies).toEqual(['Acme Taiwan Ltd.']);
    expect((await search('cme')).companies).toEqual(['Acme Taiwan Ltd.', 'Big Acme Corporation']);
    expect((await search('acme')).deals).toEqual(['Acme IoT platform']);
    expect((await search('platform')).deals).toEqual(['Acme IoT platform']);
    expect((await search('#12')).deals).toEqual(['MES 系統導入 #12']);
  });

  it('finds addresses and domains, whole or in part', async () => {
    expect((await search('yijun.chen@hongda.com.tw')).contacts).toEqual(['陳怡君']);
    // Both addresses start with it; the shorter (closer) one first.
    expect((await search('yijun.')).contacts).toEqual(['林怡君', '陳怡君']);
    expect((await search('acme.com.tw')).companies).toEqual(['Acme Taiwan Ltd.']);
    expect((await search('acme.com.tw')).contacts).toEqual(['Amy Chen', '林怡君']);
    expect((await search('hongda.com')).companies).toEqual(['宏達精密股份有限公司']);
  });

  it('ranks exact before prefix before word prefix before infix', async () => {
    expect((await search('amy chen')).contacts).toEqual(['Amy Chen']);
    expect((await search('chen')).contacts).toEqual(['Amy Chen', '陳怡君']);
  });

  it('honours the limit, skips tombstones and ignores empty or punctuation-only queries', async () => {
    expect((await search('怡君', 1)).contacts).toHaveLength(1);
    expect((await search('old')).companies).toEqual([]);
    expect(await search('   ')).toEqual({ contacts: [], companies: [], deals: [] });
    expect(await search('@.-')).toEqual({ contacts: [], companies: [], deals: [] });
  });

  it('finds a record by any Chinese substring, or any Latin substring of three letters or more', async () => {
    const names = fc.stringMatching(/^[a-z]{3,12}( [a-z]{3,12})?$|^[\u4e00-\u9fa5]{2,6}$/);
    await fc.assert(
      fc.asyncProperty(names, fc.nat(), fc.nat(), async (name, from, length) => {
        const database = isolatedDatabase();
        const contact = makeContact({ name, emails: ['someone@example.com'], jobTitle: '' });
        await database.contacts.add(contact);
        const word = wordsOf(name)[0] ?? name;
        const shortest = minimumInfixLength(word);
        const start = from % (word.length - shortest + 1);
        const query = word.slice(start, start + shortest + (length % (word.length - start - shortest + 1)));
        const result = await searchCrm(database, query.toUpperCase(), 10);
        database.close();
        expect(result.contacts.map((found) => found.id)).toEqual([contact.id]);
      }),
      { numRuns: 40 },
    );
  });
});
