import { getDomain, getPublicSuffix } from 'tldts';
import { describe, expect, it } from 'vitest';
import { validateBackup } from '../../lib/extension/backup/validate-backup';
import { backupJsonChunks } from './backup-json';
import { generateLargeDataset } from './large-dataset';

/** The benchmark's size at 1/100 scale. */
const OPTIONS = {
  contacts: 1_000,
  companies: 200,
  deals: 500,
  activities: 2_000,
  seed: 7,
  now: Date.UTC(2025, 5, 1),
};
const dataset = generateLargeDataset(OPTIONS);

describe('generateLargeDataset', () => {
  it('passes backup validation at 1/100 scale', () => {
    const result = validateBackup([...backupJsonChunks(dataset)].join(''));
    expect(result.ok ? [] : result.problems.slice(0, 5)).toEqual([]);
  });

  it('makes exactly the requested counts', () => {
    expect(dataset.companies).toHaveLength(OPTIONS.companies);
    expect(dataset.contacts).toHaveLength(OPTIONS.contacts);
    expect(dataset.deals).toHaveLength(OPTIONS.deals);
    expect(dataset.activities).toHaveLength(OPTIONS.activities);
    expect(dataset.reminders).toHaveLength(OPTIONS.deals / 10);
  });

  it('gives companies unique registrable domains under varied suffixes', () => {
    const domains = dataset.companies.flatMap((company) => company.domains);
    expect(new Set(domains).size).toBe(domains.length);
    for (const domain of domains) expect(getDomain(domain, { allowPrivateDomains: false })).toBe(domain);
    const suffixes = new Set(domains.map((domain) => getPublicSuffix(domain)));
    for (const suffix of ['com', 'com.tw', 'tw', 'co.jp', 'io']) expect(suffixes).toContain(suffix);
  });

  it('gives contacts unique addresses at their company’s domain', () => {
    const domainOf = new Map(dataset.companies.map((company) => [company.id, company.domains[0]]));
    const addresses = dataset.contacts.flatMap((contact) => contact.emails);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const contact of dataset.contacts) {
      expect(contact.emails[0]?.split('@')[1]).toBe(domainOf.get(contact.companyId ?? ''));
    }
    // Every company has someone to talk to when there are enough contacts.
    expect(new Set(dataset.contacts.map((contact) => contact.companyId)).size).toBe(OPTIONS.companies);
  });

  it('covers every stage and every activity kind', () => {
    const stageIds = new Set(dataset.deals.map((deal) => deal.stageId));
    expect(stageIds.size).toBe(dataset.pipelines[0]?.stages.length);
    expect(new Set(dataset.activities.map((activity) => activity.kind)).size).toBe(5);
  });

  it('is reproducible from its seed', () => {
    const small = { ...OPTIONS, contacts: 50, companies: 10, deals: 20, activities: 80 };
    expect(generateLargeDataset(small)).toEqual(generateLargeDataset(small));
    expect(generateLargeDataset({ ...small, seed: 8 })).not.toEqual(generateLargeDataset(small));
  });

  it('copes with empty collections', () => {
    const empty = generateLargeDataset({
      contacts: 0,
      companies: 0,
      deals: 0,
      activities: 0,
      seed: 1,
      now: OPTIONS.now,
    });
    const result = validateBackup([...backupJsonChunks(empty)].join(''));
    expect(result.ok).toBe(true);
  });
});

describe('backupJsonChunks', () => {
  it('streams the same JSON value in several pieces', () => {
    const chunks = [...backupJsonChunks(dataset, 64 * 1024)];
    expect(chunks.length).toBeGreaterThan(5);
    expect(JSON.parse(chunks.join(''))).toEqual(JSON.parse(JSON.stringify(dataset)));
  });
});
