import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/extension/db/settings';
import { newId } from '@/lib/shared/model';
import { ownerChoices } from './reporting-owners';

describe('ownerChoices', () => {
  it('lists the local user first, then other owners from deals and targets in id order', () => {
    const settings = defaultSettings('en-US', Date.UTC(2026, 0, 2));
    const earlier = newId(Date.UTC(2025, 0, 1));
    const later = newId(Date.UTC(2025, 6, 1));
    const onlyInQuotas = newId(Date.UTC(2025, 9, 1));
    const withQuota = {
      ...settings,
      user: { ...settings.user, name: 'Ann' },
      reporting: {
        ...settings.reporting,
        quotas: [{ ownerId: onlyInQuotas, period: '2026-Q1', amount: 1 }],
      },
    };
    expect(ownerChoices(withQuota, [later, settings.user.id, earlier, later])).toEqual([
      { id: settings.user.id, kind: 'you', name: 'Ann' },
      { id: earlier, kind: 'teammate', number: 1 },
      { id: later, kind: 'teammate', number: 2 },
      { id: onlyInQuotas, kind: 'teammate', number: 3 },
    ]);
  });

  it('names the team’s members, also those without deals, and numbers only owners outside the team', () => {
    const settings = defaultSettings('zh-TW');
    const wei = newId(Date.UTC(2025, 0, 1));
    const lin = newId(Date.UTC(2025, 1, 1));
    const formerRep = newId(Date.UTC(2024, 0, 1));
    const members = [
      { id: wei, name: '王偉', email: 'wei@hongda.com.tw', role: 'rep' as const },
      { id: settings.user.id, name: '陳怡君', email: 'yijun@hongda.com.tw', role: 'manager' as const },
      { id: lin, name: 'Lin', email: 'lin@hongda.com.tw', role: 'rep' as const },
    ];
    expect(ownerChoices(settings, [wei, formerRep], members)).toEqual([
      { id: settings.user.id, kind: 'you', name: '' },
      { id: lin, kind: 'member', name: 'Lin' },
      { id: wei, kind: 'member', name: '王偉' },
      { id: formerRep, kind: 'teammate', number: 1 },
    ]);
  });

  it('offers only the local user when no one else owns a deal', () => {
    const settings = defaultSettings('zh-TW');
    expect(ownerChoices(settings, [settings.user.id])).toEqual([
      { id: settings.user.id, kind: 'you', name: '' },
    ]);
  });
});
