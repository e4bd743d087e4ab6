import { describe, expect, it } from 'vitest';
import {
  ALICE,
  BOB,
  CAROL,
  context,
  DAY_MS,
  deal,
  example,
  NOW,
  PIPELINE,
  stageChange,
} from '../../../tests/support/report-fixtures';
import type { Id, StageKind } from '../../shared/model';
import { healthWarnings } from './health';
import { openAtMonthEnds, trailingMonths, trailingOpenAverages } from './trailing-pipeline';

const KINDS = new Map<Id, StageKind>(PIPELINE.stages.map((stage) => [stage.id, stage.kind]));
const MONTHS = ['2026-08', '2026-09', '2026-10'];
const TAIPEI = 'Asia/Taipei';

describe('trailingMonths', () => {
  it('lists the months before the current one in the user’s zone, oldest first', () => {
    expect(trailingMonths(NOW, TAIPEI)).toEqual(MONTHS);
    expect(trailingMonths(Date.UTC(2027, 0, 15), TAIPEI)).toEqual(['2026-10', '2026-11', '2026-12']);
    // 2026-11-30 17:00 UTC is already December 1st in Taipei, still November in UTC.
    const lateNovemberUtc = Date.UTC(2026, 10, 30, 17);
    expect(trailingMonths(lateNovemberUtc, TAIPEI)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect(trailingMonths(lateNovemberUtc, 'UTC')).toEqual(MONTHS);
  });
});

describe('openAtMonthEnds', () => {
  const created = Date.UTC(2026, 7, 10);

  it('counts a deal from the month it was created', () => {
    const late = deal('late', { createdAt: Date.UTC(2026, 8, 20), stageEnteredAt: Date.UTC(2026, 8, 20) });
    expect(openAtMonthEnds(late, [], KINDS, MONTHS, TAIPEI)).toEqual([false, true, true]);
  });

  it('follows the stage history: won in October, reopened after a win', () => {
    const wonInOctober = [stageChange('a', Date.UTC(2026, 9, 15), 'proposal', 'won')];
    const won = deal('a', { createdAt: created, stageId: 'won', status: 'won' });
    expect(openAtMonthEnds(won, wonInOctober, KINDS, MONTHS, TAIPEI)).toEqual([true, true, false]);

    const reopened = [
      stageChange('b', Date.UTC(2026, 8, 10), 'proposal', 'won'),
      stageChange('b', Date.UTC(2026, 9, 5), 'won', 'negotiation'),
    ];
    const open = deal('b', { createdAt: created, stageId: 'negotiation' });
    expect(openAtMonthEnds(open, reopened, KINDS, MONTHS, TAIPEI)).toEqual([true, false, true]);
  });

  it('takes the stage before the first change, and open when it is unknown', () => {
    const lostFromLead = [stageChange('c', Date.UTC(2026, 9, 2), 'lead', 'lost')];
    const lost = deal('c', { createdAt: created, stageId: 'lost', status: 'lost', lostReason: 'Price' });
    expect(openAtMonthEnds(lost, lostFromLead, KINDS, MONTHS, TAIPEI)).toEqual([true, true, false]);
    // History recorded from September on, starting in an unknown stage; then a stage since deleted.
    const unknownStart = [
      stageChange('d', Date.UTC(2026, 8, 2), null, 'won'),
      stageChange('d', Date.UTC(2026, 9, 2), 'won', 'deleted-stage'),
    ];
    expect(openAtMonthEnds(deal('d', { createdAt: created }), unknownStart, KINDS, MONTHS, TAIPEI)).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('without history, uses the current stage from the month it was entered, open before', () => {
    const wonInSeptember = deal('e', {
      createdAt: created,
      stageId: 'won',
      status: 'won',
      stageEnteredAt: Date.UTC(2026, 8, 15),
    });
    expect(openAtMonthEnds(wonInSeptember, [], KINDS, MONTHS, TAIPEI)).toEqual([true, false, false]);
  });

  it('reads the month of a change in the user’s zone', () => {
    // 2026-09-30 17:00 UTC: October 1st, 01:00 in Taipei; still September in UTC.
    const wonAtMonthEnd = [stageChange('f', Date.UTC(2026, 8, 30, 17), 'proposal', 'won')];
    const won = deal('f', { createdAt: created, stageId: 'won', status: 'won' });
    expect(openAtMonthEnds(won, wonAtMonthEnd, KINDS, MONTHS, TAIPEI)).toEqual([true, true, false]);
    expect(openAtMonthEnds(won, wonAtMonthEnd, KINDS, MONTHS, 'UTC')).toEqual([true, false, false]);
  });
});

describe('trailingOpenAverages', () => {
  it('averages each owner’s open deals at the last three month ends (the docs/metrics.md example)', () => {
    const averages = trailingOpenAverages(example(), context());
    // Every deal was created on September 1st (Taipei), so none was open at the end of August.
    // Alice: d1, d2 and d3 open at the ends of September and October (d3 won on Nov 1 in Taipei):
    // counts 0, 3, 3 → 2; values 0, 6,000, 6,000 → 4,000.
    expect(averages.get(ALICE)).toEqual({ count: 2, value: 4000 });
    // Bob: September d4 d5 d6 d7 d8 = 500 + 0 (EUR) + 5,000 + 9,000 + 2,000 = 16,500; October
    // without d4 (won Oct 31, 23:30 in Taipei) = 16,000. Counts 0, 5, 4 → 3; values → 32,500 / 3.
    expect(averages.get(BOB)?.count).toBe(3);
    expect(averages.get(BOB)?.value).toBeCloseTo(32500 / 3, 10);
  });

  it('puts a win at the month end it happened where the user is', () => {
    // In UTC d3 was won on October 31st: Alice had 3, 3 (Sep) and 2 deals worth 4,000 (Oct).
    const averages = trailingOpenAverages(example(), context({}, 'UTC'));
    expect(averages.get(ALICE)?.count).toBeCloseTo(5 / 3, 10);
    expect(averages.get(ALICE)?.value).toBeCloseTo(10000 / 3, 10);
  });
});

describe('health warnings against the rep’s own trailing average', () => {
  it('flags a rep whose open pipeline fell below their own average by the margin', () => {
    const { warnings } = healthWarnings(example(), context());
    // Bob now: d5 (EUR, 0), d6 5,000, d8 2,000 = 7,000 < 32,500 / 3 × 0.75 = 8,125. His count 3
    // equals his average. Alice: 2 deals worth 4,000, exactly her average.
    const trailing = warnings.filter((warning) => warning.kind.startsWith('below-trailing'));
    expect(trailing).toHaveLength(1);
    expect(trailing[0]).toMatchObject({
      kind: 'below-trailing-value',
      ownerId: BOB,
      dealIds: ['d5', 'd6', 'd8'],
      value: 7000,
    });
    expect(trailing[0]?.average).toBeCloseTo(32500 / 3, 10);
  });

  it('flags a rep with every deal closed since, without comparing them to the team', () => {
    const data = example();
    const closed = deal('c1', {
      ownerId: CAROL,
      stageId: 'lost',
      status: 'lost',
      lostReason: 'Price',
      amount: 3000,
      stageEnteredAt: NOW - 20 * DAY_MS,
    });
    const { warnings } = healthWarnings({ ...data, deals: [...data.deals, closed] }, context());
    // Carol's c1 was open at the ends of September and October: 2 / 3 deals, 2,000 on average.
    const carol = warnings.filter((warning) => warning.ownerId === CAROL);
    expect(carol.map((warning) => warning.kind)).toEqual(['below-trailing-count', 'below-trailing-value']);
    expect(carol[0]).toMatchObject({ dealIds: [], value: 0 });
    expect(carol[0]?.average).toBeCloseTo(2 / 3, 10);
    expect(carol[1]?.average).toBeCloseTo(2000, 10);
  });
});
