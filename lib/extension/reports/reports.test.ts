import fc from 'fast-check';
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
  reporting,
  stageChange,
} from '../../../tests/support/report-fixtures';
import { settingsSchema } from '../../shared/model';
import { isStale } from '../pipeline/deal-health';
import { coverage } from './coverage';
import { forecast } from './forecast';
import { healthWarnings, isStaleQuick } from './health';
import { periodOfDate, toBaseCurrency } from './periods';
import { compareReps } from './rep-comparison';
import { stageConversion } from './stage-conversion';

// Every expected number below is worked out by hand from the example in report-fixtures.test-support.ts.

describe('periods and currencies', () => {
  it('names months and quarters', () => {
    expect(periodOfDate('2026-11-30', 'month')).toBe('2026-11');
    expect(periodOfDate('2026-10-01', 'quarter')).toBe('2026-Q4');
    expect(periodOfDate('2026-03-31', 'quarter')).toBe('2026-Q1');
    expect(periodOfDate('2026-04-01', 'quarter')).toBe('2026-Q2');
  });

  it('converts with base units per unit, and refuses currencies without a rate', () => {
    // 100 USD × 30 TWD per USD = 3,000 TWD
    expect(toBaseCurrency(100, 'USD', reporting())).toBe(3000);
    expect(toBaseCurrency(100, 'TWD', reporting())).toBe(100);
    expect(toBaseCurrency(100, 'EUR', reporting())).toBeNull();
  });

  it('parses settings stored before reporting existed, with the default currency as base', () => {
    const older = {
      id: 'settings',
      updatedAt: NOW,
      user: { id: '01JAAAAAAAAAAAAAAAAAAAAAAA', name: '', email: '' },
      ownDomains: [],
      defaultCurrency: 'JPY',
      language: 'auto',
    };
    const parsed = settingsSchema.parse(older);
    expect(parsed.reporting).toEqual({
      baseCurrency: 'JPY',
      rates: [],
      quotas: [],
      coverageWarning: { unweighted: 3, weighted: 1 },
      commitProbability: 75,
      healthMargin: 0.25,
    });
    const partial = settingsSchema.parse({
      ...older,
      reporting: { baseCurrency: 'USD', rates: [], quotas: [] },
    });
    expect(partial.reporting.commitProbability).toBe(75);
    expect(partial.reporting.coverageWarning).toEqual({ unweighted: 3, weighted: 1 });
    expect(
      settingsSchema.safeParse({
        ...older,
        reporting: {
          baseCurrency: 'USD',
          rates: [],
          quotas: [{ ownerId: 'x', period: '2026-13', amount: 1 }],
        },
      }).success,
    ).toBe(false);
  });
});

describe('forecast', () => {
  it('weights open deals by stage probability in their close month, beside won actuals', () => {
    const result = forecast(example(), context(), 'month');
    expect(result.periods.map((row) => row.period)).toEqual(['2026-10', '2026-11', '2026-12']);
    const [october, november, december] = result.periods;
    // October: d4 won 500 at 23:30 on Oct 31 in Taipei. Nothing open closes in October.
    expect(october?.team).toMatchObject({
      won: 500,
      wonCount: 1,
      weighted: 0,
      pipeline: 0,
      bestCase: 500,
      commit: 500,
    });
    // November: d1 1,000 × 60% = 600 and d8 2,000 × 30% = 600 → weighted 1,200, pipeline 3,000;
    // d3 won 2,000 at 00:30 on Nov 1 in Taipei; best case 2,000 + 3,000 = 5,000; commit 2,000 + 0.
    expect(november?.team).toEqual({
      weighted: 1200,
      pipeline: 3000,
      commitPipeline: 0,
      won: 2000,
      bestCase: 5000,
      commit: 2000,
      openCount: 2,
      wonCount: 1,
    });
    // Alice: d1 600 weighted, 1,000 pipeline, won d3 2,000 → best case 3,000. Bob: d8 only.
    expect(november?.byOwner[ALICE]).toMatchObject({
      weighted: 600,
      pipeline: 1000,
      won: 2000,
      bestCase: 3000,
    });
    expect(november?.byOwner[BOB]).toMatchObject({ weighted: 600, pipeline: 2000, won: 0, bestCase: 2000 });
    // December: d2 100 USD × 30 = 3,000 TWD × 80% = 2,400; 80% ≥ 75% so it is commit.
    expect(december?.team).toMatchObject({
      weighted: 2400,
      pipeline: 3000,
      commitPipeline: 3000,
      commit: 3000,
    });
    // d6 has no close date: 5,000 × 30% = 1,500, in its own bucket, never in a month.
    expect(result.noCloseDate.team).toMatchObject({ weighted: 1500, pipeline: 5000, openCount: 1 });
    expect(Object.keys(result.noCloseDate.byOwner)).toEqual([BOB]);
    // d5 is in EUR with no rate: left out and said so; d7 is lost and never counts.
    expect(result.unconverted).toEqual([{ dealId: 'd5', currency: 'EUR' }]);
  });

  it('sums months into quarters', () => {
    const [q4] = forecast(example(), context(), 'quarter').periods;
    // Oct + Nov + Dec: weighted 0 + 1,200 + 2,400 = 3,600; pipeline 3,000 + 3,000 = 6,000;
    // won 500 + 2,000 = 2,500; best case 2,500 + 6,000 = 8,500; commit 2,500 + 3,000 = 5,500.
    expect(q4).toMatchObject({
      period: '2026-Q4',
      team: { weighted: 3600, pipeline: 6000, commitPipeline: 3000, won: 2500, bestCase: 8500, commit: 5500 },
    });
  });

  it('puts a deal won at 00:30 in Taipei in the new month, and in the old one for a user in UTC', () => {
    const taipei = forecast(example(), context(), 'month');
    const utc = forecast(example(), context({}, 'UTC'), 'month');
    // In UTC both wins (15:30 and 16:30 on Oct 31) are October's: 500 + 2,000.
    expect(utc.periods.find((row) => row.period === '2026-10')?.team.won).toBe(2500);
    expect(taipei.periods.find((row) => row.period === '2026-10')?.team.won).toBe(500);
    expect(taipei.periods.find((row) => row.period === '2026-11')?.team.won).toBe(2000);
  });

  it('uses the commit threshold from the settings', () => {
    // At 60%, d1 (Proposal 60%) joins the commit in November: 2,000 won + 1,000.
    const [, november] = forecast(example(), context({ commitProbability: 60 }), 'month').periods;
    expect(november?.team.commit).toBe(3000);
  });
});

describe('coverage', () => {
  const quotas = [
    { ownerId: ALICE, period: '2026-11', amount: 5000 },
    { ownerId: BOB, period: '2026-11', amount: 400 },
    { ownerId: ALICE, period: '2026-Q4', amount: 1500 },
  ];

  it('divides the period’s open pipeline by what is left of the quota, and warns below the ratios', () => {
    const result = coverage(example(), context({ quotas }), '2026-11');
    const [alice, bob, team] = result.rows;
    // Alice: 5,000 − 2,000 won = 3,000 left; weighted 600 / 3,000 = 0.2 < 1; 1,000 / 3,000 ≈ 0.33 < 3.
    expect(alice).toMatchObject({
      ownerId: ALICE,
      won: 2000,
      remaining: 3000,
      weighted: 600,
      pipeline: 1000,
    });
    expect(alice?.weightedCoverage).toBeCloseTo(0.2, 10);
    expect(alice?.unweightedCoverage).toBeCloseTo(1 / 3, 10);
    expect(alice?.warnings).toEqual(['weighted', 'unweighted']);
    // Bob: 400 left; weighted 600 / 400 = 1.5 ≥ 1; 2,000 / 400 = 5 ≥ 3: no warning.
    expect(bob).toMatchObject({ remaining: 400, weightedCoverage: 1.5, unweightedCoverage: 5, warnings: [] });
    // Team: quota 5,400 − won 2,000 = 3,400; 1,200 / 3,400 ≈ 0.353; 3,000 / 3,400 ≈ 0.882.
    expect(team).toMatchObject({
      ownerId: null,
      quota: 5400,
      won: 2000,
      remaining: 3400,
      warnings: ['weighted', 'unweighted'],
    });
    expect(team?.weightedCoverage).toBeCloseTo(1200 / 3400, 10);
  });

  it('calls a quota met when won reaches it', () => {
    const [alice] = coverage(example(), context({ quotas }), '2026-Q4').rows;
    // Q4: Alice won 2,000 against 1,500: 500 over, no coverage to compute and no warning.
    expect(alice).toMatchObject({
      remaining: -500,
      targetReached: true,
      weightedCoverage: null,
      warnings: [],
    });
  });

  it('has no rows without quotas', () => {
    expect(coverage(example(), context(), '2026-11').rows).toEqual([]);
  });
});

describe('health warnings', () => {
  it('flags reps below the team average by the margin, and the overdue, stale and step-less deals', () => {
    const quotas = [{ ownerId: CAROL, period: '2026-11', amount: 1000 }];
    const { warnings, unconverted } = healthWarnings(example(), context({ quotas }));
    // Open counts: Alice 2, Bob 3, Carol 0 (on the team by her quota) → average 5/3 ≈ 1.67;
    // × (1 − 0.25) = 1.25: only Carol's 0 is below. Values: Alice 1,000 + 3,000 = 4,000; Bob
    // 5,000 + 2,000 (d5 in EUR left out) = 7,000; Carol 0 → average 11,000 / 3 ≈ 3,667 × 0.75 = 2,750.
    expect(warnings.filter((warning) => warning.kind.startsWith('low-'))).toEqual([
      { kind: 'low-open-count', ownerId: CAROL, dealIds: [], value: 0, average: 5 / 3 },
      { kind: 'low-open-value', ownerId: CAROL, dealIds: [], value: 0, average: 11000 / 3 },
    ]);
    // d1 closes Nov 20, before today (Nov 26). d1 was last touched Nov 18: 8 days ≥ Proposal's 7;
    // d2 Nov 20: 6 days < Negotiation's 14. d5 and d6 have no next step.
    const byKind = (kind: string) => warnings.filter((warning) => warning.kind === kind);
    expect(byKind('overdue')).toMatchObject([{ ownerId: ALICE, dealIds: ['d1'] }]);
    expect(byKind('stale')).toMatchObject([{ ownerId: ALICE, dealIds: ['d1'] }]);
    expect(byKind('no-next-step')).toMatchObject([{ ownerId: BOB, dealIds: ['d5', 'd6'] }]);
    expect(unconverted).toEqual([{ dealId: 'd5', currency: 'EUR' }]);
  });

  it('decides staleness exactly as isStale, around midnight and clock changes too', () => {
    const zones = ['Asia/Taipei', 'America/Los_Angeles', 'Pacific/Apia', 'Australia/Lord_Howe', 'UTC'];
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2010, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 20 * DAY_MS }),
        fc.integer({ min: 0, max: 20 * DAY_MS }),
        fc.option(fc.integer({ min: 1, max: 15 })),
        fc.constantFrom(...zones),
        (now, sinceEntered, sinceActivity, staleAfterDays, zone) => {
          const open = deal('x', { stageEnteredAt: now - sinceEntered });
          const stage = { staleAfterDays };
          const last = now - sinceActivity;
          expect(isStaleQuick(open, stage, last, now, zone)).toBe(isStale(open, stage, last, now, zone));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('compares nobody with one rep', () => {
    const data = example();
    const alone = { ...data, deals: data.deals.filter((candidate) => candidate.ownerId === ALICE) };
    expect(healthWarnings(alone, context()).warnings.some((warning) => warning.kind.startsWith('low-'))).toBe(
      false,
    );
  });
});

describe('rep comparison', () => {
  it('compares owners for a month, with a team average row', () => {
    const result = compareReps(example(), context(), '2026-11');
    const alice = result.rows.find((row) => row.ownerId === ALICE);
    const bob = result.rows.find((row) => row.ownerId === BOB);
    // Alice: open d1 + d2 = 2; 1,000 + 3,000 = 4,000; weighted 600 + 2,400 = 3,000; won d3 2,000
    // (Nov 1 in Taipei), none lost → 100%; cycle Sep 2 → Nov 1 = 28 + 31 + 1 = 60 days; d1 overdue.
    expect(alice).toEqual({
      ownerId: ALICE,
      openCount: 2,
      pipelineValue: 4000,
      weightedValue: 3000,
      wonCount: 1,
      wonValue: 2000,
      lostCount: 0,
      winRate: 1,
      averageDealSize: 2000,
      averageCycleDays: 60,
      overdueCount: 1,
    });
    // Bob: open d5, d6, d8 = 3; 5,000 + 2,000 = 7,000 (d5 EUR left out); weighted 1,500 + 600 =
    // 2,100; d4 was won in October, d7 lost on Nov 10 → 0 / 1 = 0%.
    expect(bob).toEqual({
      ownerId: BOB,
      openCount: 3,
      pipelineValue: 7000,
      weightedValue: 2100,
      wonCount: 0,
      wonValue: 0,
      lostCount: 1,
      winRate: 0,
      averageDealSize: null,
      averageCycleDays: null,
      overdueCount: 0,
    });
    // Mean per rep: (2 + 3) / 2 = 2.5 open, (4,000 + 7,000) / 2 = 5,500, (3,000 + 2,100) / 2 = 2,550;
    // rates over the team's deals: 1 won / 2 closed = 50%, 2,000 / 1 won, 60 days.
    expect(result.teamAverage).toEqual({
      ownerId: null,
      openCount: 2.5,
      pipelineValue: 5500,
      weightedValue: 2550,
      wonCount: 0.5,
      wonValue: 1000,
      lostCount: 0.5,
      winRate: 0.5,
      averageDealSize: 2000,
      averageCycleDays: 60,
      overdueCount: 0.5,
    });
    expect(result.unconverted).toEqual([{ dealId: 'd5', currency: 'EUR' }]);
  });
});

describe('stage conversion', () => {
  const start = NOW - 12 * DAY_MS;
  const at = (days: number) => start + days * DAY_MS;
  function history() {
    const base = { createdAt: start, stageEnteredAt: start };
    return {
      deals: [
        // h1: Lead → Qualified → Proposal → back to Qualified → Proposal → Won.
        deal('h1', { ...base, stageId: 'won', status: 'won', stageEnteredAt: at(10) }),
        // h2: Lead → Qualified → Lost.
        deal('h2', { ...base, stageId: 'lost', status: 'lost', lostReason: 'Price', stageEnteredAt: at(4) }),
        // h3: Lead → Qualified → Won, reopened into Qualified, open there now.
        deal('h3', { ...base, stageId: 'qualified', stageEnteredAt: at(4) }),
        // h4: created in Lead, never moved. h5: lost with no history.
        deal('h4', { ...base }),
        deal('h5', { ...base, stageId: 'lost', status: 'lost', lostReason: 'Price' }),
      ],
      pipelines: [PIPELINE],
      stageChanges: new Map([
        [
          'h1',
          [
            stageChange('h1', at(2), 'lead', 'qualified'),
            stageChange('h1', at(5), 'qualified', 'proposal'),
            stageChange('h1', at(6), 'proposal', 'qualified'),
            stageChange('h1', at(8), 'qualified', 'proposal'),
            stageChange('h1', at(10), 'proposal', 'won'),
          ],
        ],
        [
          'h2',
          [stageChange('h2', at(1), 'lead', 'qualified'), stageChange('h2', at(4), 'qualified', 'lost')],
        ],
        [
          'h3',
          [
            stageChange('h3', at(1), 'lead', 'qualified'),
            stageChange('h3', at(3), 'qualified', 'won'),
            stageChange('h3', at(4), 'won', 'qualified'),
          ],
        ],
      ]),
      lastActivityAt: new Map(),
    };
  }

  it('counts each deal once per stage, moves back and reopenings included', () => {
    const result = stageConversion(history(), context(), PIPELINE.id);
    const row = (id: string) => result.stages.find((candidate) => candidate.stageId === id);
    expect(result.stages.map((candidate) => candidate.stageId)).toEqual([
      'lead',
      'qualified',
      'proposal',
      'negotiation',
    ]);
    // Lead: h1, h2, h3, h4 entered; h1, h2, h3 moved on → 3/4. h4 still there.
    expect(row('lead')).toMatchObject({ entered: 4, advanced: 3, conversion: 0.75, stillIn: 1 });
    // Qualified: h1 (twice, counted once), h2, h3 entered; h1 reached Proposal and Won, h3 Won
    // before it was reopened; h2 was lost → 2/3. h3 is there now. h2 was lost from here.
    expect(row('qualified')).toMatchObject({
      entered: 3,
      advanced: 2,
      stillIn: 1,
      lostCount: 1,
      lostDealIds: ['h2'],
    });
    expect(row('qualified')?.conversion).toBeCloseTo(2 / 3, 10);
    // Proposal: only h1 (twice), which won → 1/1.
    expect(row('proposal')).toMatchObject({ entered: 1, advanced: 1, conversion: 1, stillIn: 0 });
    expect(row('negotiation')).toMatchObject({ entered: 0, conversion: null, averageDays: null });
    expect(result.lostFromUnknown).toEqual(['h5']);
  });

  it('averages the days spent per stage, all stays of a deal added up', () => {
    const result = stageConversion(history(), context(), PIPELINE.id);
    const row = (id: string) => result.stages.find((candidate) => candidate.stageId === id);
    // Lead: h1 2, h2 1, h3 1, h4 12 (created there 12 days ago) → 16 / 4 = 4 days (expected 3).
    expect(row('lead')).toMatchObject({ averageDays: 4, expectedDays: 3 });
    // Qualified: h1 (5−2) + (8−6) = 5, h2 4−1 = 3, h3 (3−1) + (12−4) = 10 → 18 / 3 = 6 days.
    expect(row('qualified')?.averageDays).toBeCloseTo(6, 10);
    // Proposal: h1 (6−5) + (10−8) = 3 → 3 days.
    expect(row('proposal')?.averageDays).toBeCloseTo(3, 10);
  });
});
