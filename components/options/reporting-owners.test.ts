import { describe, expect, it } from 'vitest';
import { defaultSettings } from '@/lib/db/settings';
import { newId } from '@/lib/model';
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

  it('offers only the local user when no one else owns a deal', () => {
    const settings = defaultSettings('zh-TW');
    expect(ownerChoices(settings, [settings.user.id])).toEqual([
      { id: settings.user.id, kind: 'you', name: '' },
    ]);
  });
});
