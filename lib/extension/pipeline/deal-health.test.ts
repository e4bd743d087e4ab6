import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Activity, type Deal, newId, type Pipeline } from '@/lib/shared/model';
import { makeDeal, makeEmailActivity, makePipeline, NOW } from '@/tests/unit/records';
import { calendarDateAt } from './calendar-dates';
import { isOverdue, isStale, lastActivityAt, nextStepSuggestions, timeInStages } from './deal-health';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

function stageIds(pipeline: Pipeline) {
  const [lead, qualified, proposal, negotiation, won, lost] = pipeline.stages.map((stage) => stage.id) as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  return { lead, qualified, proposal, negotiation, won, lost };
}

function stageChange(
  deal: Deal,
  fromStageId: string | null,
  toStageId: string,
  occurredAt: number,
): Activity {
  return {
    id: newId(occurredAt),
    createdAt: occurredAt,
    updatedAt: occurredAt,
    deleted: false,
    kind: 'stage-change',
    dealId: deal.id,
    contactIds: [],
    companyId: null,
    occurredAt,
    authorId: deal.ownerId,
    fromStageId,
    toStageId,
    skippedChecklistItemIds: [],
  };
}

describe('isOverdue', () => {
  const pipeline = makePipeline();
  const deal = makeDeal(pipeline, { expectedCloseDate: '2026-11-26' });

  it('compares calendar days where the rep is: due the 26th is overdue from the 27th, Taipei time', () => {
    // 23:30 on the 26th in Taipei is 15:30 UTC; 00:30 on the 27th is 16:30 UTC.
    const lateOnTheDay = calendarDateAt(Date.UTC(2026, 10, 26, 15, 30), 'Asia/Taipei');
    const justAfterMidnight = calendarDateAt(Date.UTC(2026, 10, 26, 16, 30), 'Asia/Taipei');
    expect(isOverdue(deal, lateOnTheDay)).toBe(false);
    expect(isOverdue(deal, justAfterMidnight)).toBe(true);
  });

  it('follows New York across the daylight-saving change (UTC−4 before, UTC−5 after)', () => {
    const dueSaturday = makeDeal(pipeline, { expectedCloseDate: '2026-10-31' });
    // 23:30 EDT on Saturday Oct 31 is 03:30 UTC Nov 1: still the due day in New York.
    expect(isOverdue(dueSaturday, calendarDateAt(Date.UTC(2026, 10, 1, 3, 30), 'America/New_York'))).toBe(
      false,
    );
    // 00:30 EDT Sunday Nov 1 (04:30 UTC), before the clocks go back at 02:00.
    expect(isOverdue(dueSaturday, calendarDateAt(Date.UTC(2026, 10, 1, 4, 30), 'America/New_York'))).toBe(
      true,
    );

    const dueSunday = makeDeal(pipeline, { expectedCloseDate: '2026-11-01' });
    // 23:30 EST on Sunday Nov 1 is 04:30 UTC Nov 2: a 25-hour day, still Sunday.
    expect(isOverdue(dueSunday, calendarDateAt(Date.UTC(2026, 10, 2, 4, 30), 'America/New_York'))).toBe(
      false,
    );
    expect(isOverdue(dueSunday, calendarDateAt(Date.UTC(2026, 10, 2, 5, 30), 'America/New_York'))).toBe(true);
  });

  it('never flags closed, deleted or undated deals, nor a deal due today', () => {
    const today = '2026-12-01';
    expect(isOverdue({ ...deal, status: 'won' }, today)).toBe(false);
    expect(isOverdue({ ...deal, status: 'lost' }, today)).toBe(false);
    expect(isOverdue({ ...deal, deleted: true }, today)).toBe(false);
    expect(isOverdue({ ...deal, expectedCloseDate: null }, today)).toBe(false);
    expect(isOverdue({ ...deal, expectedCloseDate: today }, today)).toBe(false);
  });
});

describe('isStale', () => {
  const pipeline = makePipeline();
  const negotiation = pipeline.stages[3];
  if (negotiation?.staleAfterDays !== 7)
    throw new Error('the default negotiation stage goes stale after 7 days');
  // Entered negotiation on Monday 2026-11-02, 18:00 in Taipei.
  const entered = Date.UTC(2026, 10, 2, 10, 0);
  const deal = makeDeal(pipeline, { stageId: negotiation.id, stageEnteredAt: entered });

  it('is stale from the start of the seventh calendar day after the last activity, in the rep’s zone', () => {
    const sundayLate = Date.UTC(2026, 10, 8, 15, 59); // 23:59 Sunday in Taipei
    const mondayMidnight = Date.UTC(2026, 10, 8, 16, 0); // 00:00 Monday in Taipei
    expect(isStale(deal, negotiation, null, sundayLate, 'Asia/Taipei')).toBe(false);
    expect(isStale(deal, negotiation, null, mondayMidnight, 'Asia/Taipei')).toBe(true);
  });

  it('counts entering the stage as activity, and a later activity restarts the count', () => {
    const oldActivity = entered - 30 * DAY;
    const now = entered + 3 * DAY;
    expect(isStale(deal, negotiation, oldActivity, now, 'Asia/Taipei')).toBe(false);
    const laterActivity = entered + 5 * DAY;
    expect(isStale(deal, negotiation, laterActivity, entered + 11 * DAY, 'Asia/Taipei')).toBe(false);
    expect(isStale(deal, negotiation, laterActivity, entered + 12 * DAY, 'Asia/Taipei')).toBe(true);
  });

  it('counts calendar days across New York’s clock change: seven days are seven days', () => {
    // Last activity Friday Oct 30 at noon EDT; the clocks go back on Sunday Nov 1.
    const friday = Date.UTC(2026, 9, 30, 16, 0);
    const fridayDeal = { ...deal, stageEnteredAt: friday };
    expect(isStale(fridayDeal, negotiation, friday, Date.UTC(2026, 10, 6, 4, 59), 'America/New_York')).toBe(
      false,
    );
    expect(isStale(fridayDeal, negotiation, friday, Date.UTC(2026, 10, 6, 5, 0), 'America/New_York')).toBe(
      true,
    );
  });

  it('is off for closed deals and for stages without a limit', () => {
    const muchLater = entered + 100 * DAY;
    expect(isStale({ ...deal, status: 'won' }, negotiation, null, muchLater, 'UTC')).toBe(false);
    expect(isStale(deal, { staleAfterDays: null }, null, muchLater, 'UTC')).toBe(false);
  });
});

describe('lastActivityAt', () => {
  it('takes the newest live activity that has happened', () => {
    const deal = makeDeal(makePipeline());
    const activities = [
      makeEmailActivity(deal, { occurredAt: NOW - 3 * DAY }),
      makeEmailActivity(deal, { occurredAt: NOW - DAY, deleted: true }),
      makeEmailActivity(deal, { occurredAt: NOW + DAY }),
      makeEmailActivity(deal, { occurredAt: NOW - 2 * DAY }),
    ];
    expect(lastActivityAt(activities, NOW)).toBe(NOW - 2 * DAY);
    expect(lastActivityAt([], NOW)).toBeNull();
  });
});

describe('timeInStages', () => {
  const pipeline = makePipeline();
  const { lead, qualified, proposal, won, lost } = stageIds(pipeline);

  it('adds up the stays of a deal moved back and forward', () => {
    const created = NOW;
    const deal = makeDeal(pipeline, {
      createdAt: created,
      stageId: proposal,
      stageEnteredAt: created + 10 * DAY,
    });
    const changes = [
      stageChange(deal, lead, qualified, created + 2 * DAY),
      stageChange(deal, qualified, proposal, created + 5 * DAY),
      stageChange(deal, proposal, qualified, created + 6 * DAY),
      stageChange(deal, qualified, proposal, created + 10 * DAY),
    ];
    const totals = timeInStages(deal, changes, created + 12 * DAY);
    expect(totals).toEqual(
      new Map([
        [lead, 2 * DAY],
        [qualified, 3 * DAY + 4 * DAY],
        [proposal, DAY + 2 * DAY],
      ]),
    );
  });

  it('counts a reopened deal’s time in lost and its second stay in an open stage', () => {
    const deal = makeDeal(pipeline, { createdAt: NOW, stageId: qualified, stageEnteredAt: NOW + 9 * DAY });
    const changes = [
      stageChange(deal, lead, lost, NOW + 4 * DAY),
      stageChange(deal, lost, lead, NOW + 7 * DAY),
      stageChange(deal, lead, qualified, NOW + 9 * DAY),
    ];
    expect(timeInStages(deal, changes, NOW + 10 * DAY)).toEqual(
      new Map([
        [lead, 4 * DAY + 2 * DAY],
        [lost, 3 * DAY],
        [qualified, DAY],
      ]),
    );
  });

  it('ignores tombstoned changes, other deals’ changes and other activities; out-of-order input is sorted', () => {
    const deal = makeDeal(pipeline, { createdAt: NOW, stageId: won, stageEnteredAt: NOW + 3 * DAY });
    const other = makeDeal(pipeline);
    const activities = [
      stageChange(deal, qualified, won, NOW + 3 * DAY),
      { ...stageChange(deal, lead, proposal, NOW + DAY), deleted: true },
      stageChange(other, lead, lost, NOW + DAY),
      makeEmailActivity(deal, { occurredAt: NOW + 2 * DAY }),
      stageChange(deal, lead, qualified, NOW + 2 * DAY),
    ];
    expect(timeInStages(deal, activities, NOW + 5 * DAY)).toEqual(
      new Map([
        [lead, 2 * DAY],
        [qualified, DAY],
        [won, 2 * DAY],
      ]),
    );
  });

  it('without history, counts the current stage from when the deal entered it', () => {
    const deal = makeDeal(pipeline, {
      createdAt: NOW - 30 * DAY,
      stageId: proposal,
      stageEnteredAt: NOW - 4 * DAY,
    });
    expect(timeInStages(deal, [], NOW)).toEqual(new Map([[proposal, 4 * DAY]]));
  });

  it('shares exactly the time from creation to now among the stages, for any history', () => {
    const stages = pipeline.stages.map((stage) => stage.id);
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ gap: fc.integer({ min: 0, max: 30 * DAY }), to: fc.integer({ min: 0, max: 5 }) }),
          {
            maxLength: 12,
          },
        ),
        fc.integer({ min: 0, max: 30 * DAY }),
        (steps, tail) => {
          const deal = makeDeal(pipeline, { createdAt: NOW });
          let at = NOW;
          let current = stages[0] as string;
          const changes: Activity[] = [];
          for (const step of steps) {
            at += step.gap;
            const to = stages[step.to] as string;
            changes.push(stageChange(deal, current, to, at));
            current = to;
          }
          const now = at + tail;
          const totals = timeInStages({ ...deal, stageId: current, stageEnteredAt: at }, changes, now);
          const sum = [...totals.values()].reduce((total, value) => total + value, 0);
          expect(sum).toBe(now - NOW);
          expect(totals.get(current) ?? 0).toBeGreaterThanOrEqual(tail);
        },
      ),
    );
  });
});

describe('nextStepSuggestions', () => {
  const pipeline = makePipeline();
  const qualified = pipeline.stages[1];
  if (!qualified) throw new Error('no qualified stage');

  it('suggests the stage’s checklist items not done yet, then generic steps, in the rep’s language', () => {
    const [budget, decisionMaker, timeline] = qualified.checklist;
    const suggestions = nextStepSuggestions(qualified, 'zh-TW', [decisionMaker?.id ?? '']);
    expect(suggestions.slice(0, 2)).toEqual([
      { text: '跟進：已確認預算', checklistItemId: budget?.id },
      { text: '跟進：已知導入時程', checklistItemId: timeline?.id },
    ]);
    expect(suggestions.slice(2).every((suggestion) => suggestion.checklistItemId === null)).toBe(true);
    expect(suggestions.length).toBeGreaterThan(2);
  });

  it('has generic steps for won and lost stages, which have no checklist', () => {
    const [won, lost] = pipeline.stages.slice(4);
    if (!won || !lost) throw new Error('no won or lost stage');
    expect(nextStepSuggestions(won, 'en').map((suggestion) => suggestion.text)).toContain(
      'Schedule the kickoff meeting',
    );
    expect(nextStepSuggestions(lost, 'en').length).toBeGreaterThan(0);
  });
});
