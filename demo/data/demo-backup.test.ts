import { getDomain } from 'tldts';
import { describe, expect, it } from 'vitest';
import { validateBackup } from '../../lib/extension/backup/validate-backup';
import { emailMessageKey } from '../../lib/shared/model';
import { generateDemoBackup } from './demo-backup';
import { taipeiDay } from './time';

const NOW = Date.UTC(2025, 5, 11, 2, 30);
const backup = generateDemoBackup({ seed: 1, now: NOW });
const HAN = /\p{Script=Han}/u;

describe('generateDemoBackup', () => {
  it('passes backup validation', () => {
    const result = validateBackup(JSON.stringify(backup));
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('passes validation for other seeds and dates too', () => {
    for (const [seed, now] of [
      [2, Date.UTC(2024, 0, 1)],
      [3, Date.UTC(2026, 11, 31, 23)],
      [4, Date.UTC(2025, 2, 8, 16)],
    ] as const) {
      const result = validateBackup(JSON.stringify(generateDemoBackup({ seed, now })));
      expect(result.ok ? [] : result.problems).toEqual([]);
    }
  });

  it('holds a demo-sized CRM', () => {
    expect(backup.companies.length).toBeGreaterThanOrEqual(28);
    expect(backup.companies.length).toBeLessThanOrEqual(32);
    expect(backup.contacts.length).toBeGreaterThanOrEqual(75);
    expect(backup.contacts.length).toBeLessThanOrEqual(85);
    expect(backup.deals.length).toBeGreaterThanOrEqual(38);
    expect(backup.deals.length).toBeLessThanOrEqual(42);
    expect(backup.pipelines).toHaveLength(1);
    expect(backup.activities.length).toBeGreaterThan(150);
    expect(backup.reminders.length).toBeGreaterThanOrEqual(10);
  });

  it('describes the seller in the settings', () => {
    expect(backup.settings).toMatchObject({
      user: { name: '王小明', email: 'xiaoming.wang@sensecloud.com.tw' },
      ownDomains: ['sensecloud.com.tw'],
      defaultCurrency: 'TWD',
      language: 'auto',
    });
  });

  it('sets quotas and rates, so the dashboard shows coverage for this month and quarter', () => {
    const reporting = backup.settings?.reporting;
    const userId = backup.settings?.user.id;
    // NOW is 2025-06-11 in Taipei: quotas from April to August and for Q1 to Q3.
    expect(
      reporting?.quotas.filter((quota) => quota.ownerId === userId).map((quota) => quota.period),
    ).toEqual(['2025-04', '2025-05', '2025-06', '2025-07', '2025-08', '2025-Q1', '2025-Q2', '2025-Q3']);
    const rated = new Set([
      reporting?.baseCurrency,
      ...(reporting?.rates ?? []).map((rate) => rate.currency),
    ]);
    for (const deal of backup.deals) expect(rated.has(deal.currency), deal.currency).toBe(true);
    // 2026-12-31 16:00 UTC is already 2027-01-01 in Taipei, where the periods are read.
    const newYear = generateDemoBackup({ seed: 3, now: Date.UTC(2026, 11, 31, 16) }).settings?.reporting;
    expect(newYear?.quotas.map((quota) => quota.period)).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
      '2027-02',
      '2027-03',
      '2026-Q4',
      '2027-Q1',
      '2027-Q2',
    ]);
  });

  it('uses the zh-TW default pipeline and has deals in every stage', () => {
    const pipeline = backup.pipelines[0];
    expect(pipeline?.name).toBe('新客戶開發');
    for (const stage of pipeline?.stages ?? []) {
      expect(backup.deals.filter((deal) => deal.stageId === stage.id).length, stage.name).toBeGreaterThan(0);
    }
    for (const deal of backup.deals) {
      const stage = pipeline?.stages.find((candidate) => candidate.id === deal.stageId);
      expect(deal.status).toBe(stage?.kind);
      expect(deal.lostReason !== null).toBe(deal.status === 'lost');
    }
  });

  it('has realistic deals: mostly TWD, some USD, some overdue, next steps with due dates', () => {
    const today = taipeiDay(NOW);
    const open = backup.deals.filter((deal) => deal.status === 'open');
    const twd = backup.deals.filter((deal) => deal.currency === 'TWD').length;
    const usd = backup.deals.filter((deal) => deal.currency === 'USD').length;
    expect(twd).toBeGreaterThan(usd);
    expect(usd).toBeGreaterThan(0);
    expect(open.some((deal) => deal.expectedCloseDate !== null && deal.expectedCloseDate < today)).toBe(true);
    expect(open.some((deal) => deal.expectedCloseDate !== null && deal.expectedCloseDate > today)).toBe(true);
    expect(open.filter((deal) => deal.nextStep?.dueDate).length).toBeGreaterThan(open.length / 2);
  });

  it('has Chinese and English names for companies and contacts', () => {
    expect(backup.companies.some((company) => HAN.test(company.name))).toBe(true);
    expect(backup.companies.some((company) => /^[\x20-\x7e]+$/.test(company.name))).toBe(true);
    expect(backup.contacts.filter((contact) => HAN.test(contact.name)).length).toBeGreaterThan(20);
    expect(backup.contacts.filter((contact) => /^[A-Za-z .'-]+$/.test(contact.name)).length).toBeGreaterThan(
      5,
    );
  });

  it('uses .com.tw, .tw and .com domains, and addresses at the contact’s company', () => {
    const domains = backup.companies.flatMap((company) => company.domains);
    expect(domains.filter((domain) => domain.endsWith('.com.tw')).length).toBeGreaterThanOrEqual(5);
    expect(domains.some((domain) => /\.tw$/.test(domain) && !domain.endsWith('.com.tw'))).toBe(true);
    expect(domains.some((domain) => domain.endsWith('.com'))).toBe(true);
    for (const domain of domains) expect(getDomain(domain)).toBe(domain);

    const companies = new Map(backup.companies.map((company) => [company.id, company]));
    const addresses = backup.contacts.flatMap((contact) => contact.emails);
    expect(new Set(addresses).size).toBe(addresses.length);
    for (const contact of backup.contacts) {
      const company = contact.companyId ? companies.get(contact.companyId) : undefined;
      if (!company) continue;
      for (const address of contact.emails) expect(company.domains).toContain(address.split('@')[1]);
    }
  });

  it('logs every kind of activity, with unique, correctly derived message keys', () => {
    const kinds = new Set(backup.activities.map((activity) => activity.kind));
    expect([...kinds].sort()).toEqual(['call', 'email', 'meeting', 'note', 'stage-change']);
    const emails = backup.activities.flatMap((activity) => (activity.kind === 'email' ? [activity] : []));
    expect(new Set(emails.map((activity) => activity.messageKey)).size).toBe(emails.length);
    for (const activity of emails)
      expect(activity.messageKey).toBe(emailMessageKey(activity.dealId, activity.email));
  });

  it('has pending, done and thread-linked reminders', () => {
    const statuses = new Set(backup.reminders.map((reminder) => reminder.status));
    expect(statuses).toContain('pending');
    expect(statuses).toContain('done');
    expect(backup.reminders.some((reminder) => reminder.thread !== null)).toBe(true);
    expect(backup.reminders.some((reminder) => reminder.status === 'pending' && reminder.dueAt < NOW)).toBe(
      true,
    );
  });

  it('records nothing after "now"', () => {
    const records = [
      ...backup.companies,
      ...backup.contacts,
      ...backup.deals,
      ...backup.activities,
      ...backup.reminders,
    ];
    for (const record of records) {
      expect(record.createdAt).toBeLessThanOrEqual(record.updatedAt);
      expect(record.updatedAt).toBeLessThanOrEqual(NOW);
    }
    for (const activity of backup.activities) expect(activity.occurredAt).toBeLessThanOrEqual(NOW);
    expect(backup.exportedAt).toBe(new Date(NOW).toISOString());
  });

  it('is the same for the same seed and date, and different for another seed', () => {
    expect(generateDemoBackup({ seed: 1, now: NOW })).toEqual(backup);
    expect(generateDemoBackup({ seed: 2, now: NOW })).not.toEqual(backup);
  });
});
