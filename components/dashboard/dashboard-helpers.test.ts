import { describe, expect, it } from 'vitest';
import { createTranslator } from '@/lib/extension/i18n/translate';
import type { Deal, Settings } from '@/lib/shared/model';
import { ownerNamer, ownersOf } from './owner-names';
import { reportPeriodOf } from './PeriodPicker';
import { periodLabel, startingPeriod } from './period-labels';

describe('reportPeriodOf', () => {
  it('turns each choice into the settings period key', () => {
    expect(reportPeriodOf({ kind: 'thisMonth' }, '2026-11')).toBe('2026-11');
    expect(reportPeriodOf({ kind: 'thisQuarter' }, '2026-11')).toBe('2026-Q4');
    expect(reportPeriodOf({ kind: 'thisQuarter' }, '2026-01')).toBe('2026-Q1');
    expect(reportPeriodOf({ kind: 'month', month: '2025-03' }, '2026-11')).toBe('2025-03');
    expect(reportPeriodOf({ kind: 'quarter', year: 2025, quarter: 2 }, '2026-11')).toBe('2025-Q2');
  });
});

describe('startingPeriod', () => {
  it('starts a quarterly table at the quarter holding a month, and a monthly one at a quarter’s first month', () => {
    expect(startingPeriod('2026-11', 'quarter')).toBe('2026-Q4');
    expect(startingPeriod('2026-03', 'quarter')).toBe('2026-Q1');
    expect(startingPeriod('2026-Q3', 'month')).toBe('2026-07');
    expect(startingPeriod('2026-Q1', 'month')).toBe('2026-01');
    expect(startingPeriod('2026-05', 'month')).toBe('2026-05');
    expect(startingPeriod('2026-Q2', 'quarter')).toBe('2026-Q2');
  });
});

describe('periodLabel', () => {
  it('names months and quarters in both languages', () => {
    expect(periodLabel('2026-11', 'en', createTranslator('en'))).toBe('November 2026');
    expect(periodLabel('2026-Q4', 'en', createTranslator('en'))).toBe('Q4 2026');
    expect(periodLabel('2026-11', 'zh-TW', createTranslator('zh-TW'))).toBe('2026年11月');
    expect(periodLabel('2026-Q4', 'zh-TW', createTranslator('zh-TW'))).toBe('2026 年第 4 季');
  });
});

describe('owner names', () => {
  const settings = {
    user: { id: 'me', name: 'Mei', email: '' },
    reporting: { quotas: [{ ownerId: 'bob', period: '2026-11', amount: 1 }] },
  } as unknown as Settings;
  const deals = [{ ownerId: 'zed' }, { ownerId: 'me' }, { ownerId: 'amy' }, { ownerId: 'zed' }] as Deal[];

  it('lists the local user first, then the others (on deals or given a quota) in id order, each once', () => {
    expect(ownersOf(deals, settings).map((owner) => owner.id)).toEqual(['me', 'amy', 'bob', 'zed']);
  });

  it('names the local user and numbers teammates as the options page does', () => {
    const name = ownerNamer(ownersOf(deals, settings), createTranslator('en'));
    expect(name('me')).toBe('Mei (you)');
    expect(name('amy')).toBe('Teammate 1');
    expect(name('bob')).toBe('Teammate 2');
    expect(name('zed')).toBe('Teammate 3');
    expect(name('someone-else')).toBe('Unknown owner');
  });
});
