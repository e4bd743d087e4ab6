import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DealsideDatabase } from '@/lib/extension/db/database';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { defaultSettings } from '@/lib/extension/db/settings';
import { defaultPipeline } from '@/lib/extension/pipeline/default-pipeline';
import { type Deal, dealSchema, newId, type Pipeline } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import {
  changeStage,
  checklistToConfirm,
  extendCloseDate,
  isForwardMove,
  markLost,
  markWon,
  updateDealDetails,
} from './deal-updates';
import { DEFAULT_LOST_REASONS, lostReasonChoices, saveLostReasons } from './lost-reasons';

const AUTHOR = newId(NOW);
const LATER = NOW + 3600_000;
const TAIPEI = 'Asia/Taipei';

function stagesOf(pipeline: Pipeline) {
  const [lead, qualified, proposal, negotiation, won, lost] = pipeline.stages as [
    Pipeline['stages'][number],
    Pipeline['stages'][number],
    Pipeline['stages'][number],
    Pipeline['stages'][number],
    Pipeline['stages'][number],
    Pipeline['stages'][number],
  ];
  return { lead, qualified, proposal, negotiation, won, lost };
}

async function setUp(
  name: string,
  fields: Partial<Deal> = {},
  stage: keyof ReturnType<typeof stagesOf> = 'qualified',
) {
  const database = isolatedDatabase(name);
  const pipeline = makePipeline();
  const stages = stagesOf(pipeline);
  const deal = makeDeal(pipeline, { stageId: stages[stage].id, ...fields });
  await database.pipelines.add(pipeline);
  await database.deals.add(deal);
  return { database, pipeline, stages, deal };
}

async function problemsOf(action: Promise<unknown>) {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InvalidFormError))
    throw new Error(`expected InvalidFormError, got ${String(error)}`);
  return error.problems;
}

async function stageChanges(database: DealsideDatabase) {
  return (await database.activities.toArray()).filter((activity) => activity.kind === 'stage-change');
}

describe('checklistToConfirm', () => {
  const pipeline = makePipeline();
  const { lead, qualified, proposal, negotiation, won, lost } = stagesOf(pipeline);

  it('asks for the not-done items of the stage being left, on forward moves only', () => {
    const [budget, , timeline] = qualified.checklist;
    const done = [qualified.checklist[1]?.id ?? ''];
    expect(checklistToConfirm(pipeline, qualified.id, proposal.id, done)).toEqual([budget, timeline]);
    expect(checklistToConfirm(pipeline, qualified.id, negotiation.id, done)).toEqual([budget, timeline]);
    expect(checklistToConfirm(pipeline, qualified.id, won.id, done)).toEqual([budget, timeline]);
    expect(checklistToConfirm(pipeline, qualified.id, lead.id, done)).toEqual([]);
    expect(checklistToConfirm(pipeline, qualified.id, lost.id, done)).toEqual([]);
    expect(checklistToConfirm(pipeline, lost.id, lead.id, [])).toEqual([]);
  });

  it('treats every move to a later, not-lost stage as forward, and nothing else', () => {
    const ids = pipeline.stages.map((stage) => stage.id);
    fc.assert(
      fc.property(fc.nat(5), fc.nat(5), (from, to) => {
        const forward = isForwardMove(pipeline, ids[from] ?? '', ids[to] ?? '');
        expect(forward).toBe(to > from && pipeline.stages[to]?.kind !== 'lost');
      }),
    );
  });
});

describe('changeStage', () => {
  it('moves the deal, remembers ticked items and records who moved it, when and what was skipped', async () => {
    const { database, stages, deal } = await setUp('change-stage');
    const [budget, decisionMaker, timeline] = stages.qualified.checklist.map((item) => item.id);
    const result = await changeStage(
      database,
      {
        dealId: deal.id,
        toStageId: stages.proposal.id,
        checkedItemIds: [budget ?? '', decisionMaker ?? ''],
        skippedItemIds: [timeline ?? ''],
        authorId: AUTHOR,
      },
      LATER,
    );
    const stored = await database.deals.get(deal.id);
    expect(stored).toMatchObject({
      stageId: stages.proposal.id,
      stageEnteredAt: LATER,
      updatedAt: LATER,
      status: 'open',
      checklistDone: [budget, decisionMaker],
    });
    expect(result.deal).toEqual(stored);
    expect(await stageChanges(database)).toEqual([
      expect.objectContaining({
        dealId: deal.id,
        fromStageId: stages.qualified.id,
        toStageId: stages.proposal.id,
        occurredAt: LATER,
        authorId: AUTHOR,
        skippedChecklistItemIds: [timeline],
      }),
    ]);
    database.close();
  });

  it('refuses a forward move whose open items were neither ticked nor skipped, storing nothing', async () => {
    const { database, stages, deal } = await setUp('change-stage-unconfirmed');
    const [budget] = stages.qualified.checklist.map((item) => item.id);
    const problems = await problemsOf(
      changeStage(
        database,
        {
          dealId: deal.id,
          toStageId: stages.proposal.id,
          checkedItemIds: [budget ?? ''],
          skippedItemIds: [],
          authorId: AUTHOR,
        },
        LATER,
      ),
    );
    expect(problems).toEqual([
      { field: 'stageChange.checklist', message: 'has items that were neither ticked nor skipped' },
    ]);
    expect(await database.deals.get(deal.id)).toEqual(deal);
    expect(await stageChanges(database)).toEqual([]);
    database.close();
  });

  it('asks nothing when moving back, and does not accept skips it did not ask about', async () => {
    const { database, stages, deal } = await setUp('change-stage-back');
    const back = { dealId: deal.id, toStageId: stages.lead.id, checkedItemIds: [], authorId: AUTHOR };
    const skipped = stages.qualified.checklist.map((item) => item.id);
    expect(await problemsOf(changeStage(database, { ...back, skippedItemIds: skipped }, LATER))).toEqual([
      { field: 'stageChange.skippedItemIds', message: 'names an item this move did not ask about' },
    ]);
    await changeStage(database, { ...back, skippedItemIds: [] }, LATER);
    expect(await database.deals.get(deal.id)).toMatchObject({ stageId: stages.lead.id });
    database.close();
  });

  it('refuses unknown stages, other pipelines’ stages, the current stage and foreign checklist items', async () => {
    const { database, stages, deal } = await setUp('change-stage-refusals');
    const other = defaultPipeline('en', NOW);
    await database.pipelines.add(other);
    const move = { dealId: deal.id, checkedItemIds: [], skippedItemIds: [], authorId: AUTHOR };
    const notAStage = { field: 'deal.stageId', message: 'is not a stage of this deal’s pipeline' };
    expect(await problemsOf(changeStage(database, { ...move, toStageId: newId() }, LATER))).toContainEqual(
      notAStage,
    );
    expect(
      await problemsOf(changeStage(database, { ...move, toStageId: other.stages[0]?.id ?? '' }, LATER)),
    ).toContainEqual(notAStage);
    expect(
      await problemsOf(changeStage(database, { ...move, toStageId: stages.qualified.id }, LATER)),
    ).toEqual([{ field: 'deal.stageId', message: 'is the stage the deal is already in' }]);
    const foreignItem = other.stages[1]?.checklist[0]?.id ?? '';
    expect(
      await problemsOf(
        changeStage(database, { ...move, toStageId: stages.lead.id, checkedItemIds: [foreignItem] }, LATER),
      ),
    ).toEqual([
      { field: 'stageChange.checkedItemIds', message: 'names a checklist item this pipeline does not have' },
    ]);
    expect(
      await problemsOf(changeStage(database, { ...move, dealId: newId(), toStageId: stages.lead.id })),
    ).toEqual([{ field: 'deal.id', message: 'no longer exists' }]);
    expect(await stageChanges(database)).toEqual([]);
    database.close();
  });

  it('sets the status from the stage: lost needs a reason, and an open stage reopens a closed deal', async () => {
    const { database, stages, deal } = await setUp('change-stage-status');
    const move = { dealId: deal.id, checkedItemIds: [], skippedItemIds: [], authorId: AUTHOR };
    expect(await problemsOf(changeStage(database, { ...move, toStageId: stages.lost.id }, LATER))).toEqual([
      { field: 'deal.lostReason', message: 'needs a reason' },
    ]);
    await changeStage(database, { ...move, toStageId: stages.lost.id, lostReason: ' 沒有預算 ' }, LATER);
    expect(await database.deals.get(deal.id)).toMatchObject({ status: 'lost', lostReason: '沒有預算' });

    await changeStage(database, { ...move, toStageId: stages.proposal.id }, LATER + 1);
    expect(await database.deals.get(deal.id)).toMatchObject({
      status: 'open',
      lostReason: null,
      stageId: stages.proposal.id,
    });
    database.close();
  });

  it('closes the deal’s next-step reminder when it is won, in the same transaction', async () => {
    const { database, stages, deal } = await setUp('change-stage-reminder', {}, 'negotiation');
    await updateDealDetails(
      database,
      { dealId: deal.id, nextStep: { text: '簽約', dueDate: '2026-12-03' } },
      NOW,
      TAIPEI,
    );
    expect((await database.reminders.toArray()).filter((reminder) => !reminder.deleted)).toHaveLength(1);
    const skipped = stages.negotiation.checklist.map((item) => item.id);
    await markWon(database, { dealId: deal.id, authorId: AUTHOR, skippedItemIds: skipped }, LATER);
    expect(await database.deals.get(deal.id)).toMatchObject({ status: 'won', stageId: stages.won.id });
    expect((await database.reminders.toArray()).filter((reminder) => !reminder.deleted)).toEqual([]);
    database.close();
  });

  it('reads deals stored before checklistDone existed', async () => {
    const { database, stages, deal } = await setUp('change-stage-old-record');
    const { checklistDone: _dropped, ...older } = deal;
    expect(dealSchema.parse(older).checklistDone).toEqual([]);
    await database.deals.put(older as Deal);
    await changeStage(
      database,
      {
        dealId: deal.id,
        toStageId: stages.lead.id,
        checkedItemIds: [],
        skippedItemIds: [],
        authorId: AUTHOR,
      },
      LATER,
    );
    expect(await database.deals.get(deal.id)).toMatchObject({ checklistDone: [] });
    database.close();
  });
});

describe('markWon and markLost', () => {
  it('move the deal to the pipeline’s won or lost stage with a stage-change activity', async () => {
    const { database, stages, deal } = await setUp('mark-lost');
    await markLost(database, { dealId: deal.id, authorId: AUTHOR }, '選擇競爭對手', LATER);
    expect(await database.deals.get(deal.id)).toMatchObject({
      stageId: stages.lost.id,
      status: 'lost',
      lostReason: '選擇競爭對手',
    });
    expect(
      await problemsOf(markLost(database, { dealId: deal.id, authorId: AUTHOR }, '  ', LATER)),
    ).toContainEqual({
      field: 'deal.lostReason',
      message: 'needs a reason',
    });
    await markWon(database, { dealId: deal.id, authorId: AUTHOR }, LATER + 1);
    expect(await database.deals.get(deal.id)).toMatchObject({
      stageId: stages.won.id,
      status: 'won',
      lostReason: null,
    });
    expect(
      (await stageChanges(database)).map((change) => change.kind === 'stage-change' && change.toStageId),
    ).toEqual([stages.lost.id, stages.won.id]);
    database.close();
  });

  it('winning from an open stage asks its open checklist items like any forward move', async () => {
    const { database, deal } = await setUp('mark-won-checklist');
    expect(await problemsOf(markWon(database, { dealId: deal.id, authorId: AUTHOR }, LATER))).toEqual([
      { field: 'stageChange.checklist', message: 'has items that were neither ticked nor skipped' },
    ]);
    database.close();
  });

  it('refuse a pipeline without a won or lost stage', async () => {
    const database = isolatedDatabase('mark-won-no-stage');
    const pipeline = makePipeline();
    const openOnly = { ...pipeline, stages: pipeline.stages.filter((stage) => stage.kind === 'open') };
    const deal = makeDeal(openOnly);
    await database.pipelines.add(openOnly);
    await database.deals.add(deal);
    expect(await problemsOf(markWon(database, { dealId: deal.id, authorId: AUTHOR }, LATER))).toEqual([
      { field: 'deal.stageId', message: 'the pipeline has no won stage' },
    ]);
    database.close();
  });
});

describe('lost reasons', () => {
  it('offers the built-in list in the user’s language until the team stores its own', async () => {
    const database = isolatedDatabase('lost-reasons');
    const settings = defaultSettings('zh-TW', NOW);
    await database.settings.add(settings);
    expect(lostReasonChoices(settings, 'zh-TW')).toEqual(DEFAULT_LOST_REASONS['zh-TW']);
    expect(lostReasonChoices(settings, 'en')).toEqual(DEFAULT_LOST_REASONS.en);

    const saved = await saveLostReasons(database, [' 價格過高 ', '專案取消'], LATER);
    expect(lostReasonChoices(saved, 'en')).toEqual(['價格過高', '專案取消']);
    expect(await problemsOf(saveLostReasons(database, ['價格過高', 'Price', 'price'], LATER))).toEqual([
      { field: 'settings.lostReasons', message: 'lists the same reason twice' },
    ]);
    expect(await problemsOf(saveLostReasons(database, [], LATER))).toEqual([
      { field: 'settings.lostReasons', message: 'needs at least one reason' },
    ]);
    expect((await saveLostReasons(database, null, LATER)).lostReasons).toBeNull();
    database.close();
  });
});

describe('updateDealDetails', () => {
  it('stores typed amounts and codes, and counts a later close date as a push but not an earlier one', async () => {
    const { database, deal } = await setUp('details', {
      expectedCloseDate: '2026-12-31',
      closeDatePushes: 0,
    });
    await updateDealDetails(
      database,
      { dealId: deal.id, amount: '１,500,000', currency: 'usd', expectedCloseDate: '2027-01-15' },
      LATER,
      TAIPEI,
    );
    expect(await database.deals.get(deal.id)).toMatchObject({
      amount: 1_500_000,
      currency: 'USD',
      expectedCloseDate: '2027-01-15',
      closeDatePushes: 1,
      updatedAt: LATER,
    });
    await updateDealDetails(database, { dealId: deal.id, expectedCloseDate: '2026-12-20' }, LATER, TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({
      expectedCloseDate: '2026-12-20',
      closeDatePushes: 1,
    });
    await updateDealDetails(database, { dealId: deal.id, expectedCloseDate: '' }, LATER, TAIPEI);
    await updateDealDetails(database, { dealId: deal.id, expectedCloseDate: '2027-03-01' }, LATER, TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({
      expectedCloseDate: '2027-03-01',
      closeDatePushes: 1,
    });
    database.close();
  });

  it('refuses bad amounts, currencies and far-off dates with every problem named, storing nothing', async () => {
    const { database, deal } = await setUp('details-refused');
    const refusals: [Parameters<typeof updateDealDetails>[1], { field: string; message: string }][] = [
      [
        { dealId: deal.id, amount: -5 },
        { field: 'deal.amount', message: 'must not be negative' },
      ],
      [
        { dealId: deal.id, amount: Number.NaN },
        { field: 'deal.amount', message: 'must be a number' },
      ],
      [
        { dealId: deal.id, amount: '12O0' },
        { field: 'deal.amount', message: 'must be a number' },
      ],
      [
        { dealId: deal.id, amount: 5e15 },
        { field: 'deal.amount', message: 'is larger than 1,000,000,000,000' },
      ],
      [
        { dealId: deal.id, currency: 'NTD' },
        { field: 'deal.currency', message: 'is not an ISO 4217 currency code' },
      ],
      [
        { dealId: deal.id, currency: 'NT$' },
        { field: 'deal.currency', message: 'must be a three-letter ISO 4217 code such as TWD or USD' },
      ],
      [
        { dealId: deal.id, expectedCloseDate: '2062-11-26' },
        { field: 'deal.expectedCloseDate', message: 'is more than 10 years ahead: check the year' },
      ],
      [
        { dealId: deal.id, expectedCloseDate: '2016-11-26' },
        { field: 'deal.expectedCloseDate', message: 'is more than a year in the past: check the year' },
      ],
      [
        { dealId: deal.id, expectedCloseDate: '2026-02-30' },
        { field: 'deal.expectedCloseDate', message: 'is not a real date between 2000 and 2200' },
      ],
      [
        { dealId: deal.id, nextStep: { text: '', dueDate: '2026-12-01' } },
        { field: 'deal.nextStep', message: 'must not be empty' },
      ],
      [
        { dealId: deal.id, nextStep: { text: '回電', dueDate: '2099-01-01' } },
        { field: 'deal.nextStep', message: 'is more than 10 years ahead: check the year' },
      ],
    ];
    for (const [input, problem] of refusals) {
      expect(await problemsOf(updateDealDetails(database, input, LATER, TAIPEI))).toEqual([problem]);
    }
    const all = await problemsOf(
      updateDealDetails(
        database,
        { dealId: deal.id, amount: -1, currency: 'xx', expectedCloseDate: '1999-01-01' },
        LATER,
      ),
    );
    expect(all.map((problem) => problem.field).sort()).toEqual([
      'deal.amount',
      'deal.currency',
      'deal.expectedCloseDate',
    ]);
    expect(await database.deals.get(deal.id)).toEqual(deal);
    database.close();
  });

  it('keeps an old close date editable: only changed dates are judged, and no change writes nothing', async () => {
    const { database, deal } = await setUp('details-old-date', { expectedCloseDate: '2024-03-01' });
    const same = await updateDealDetails(
      database,
      { dealId: deal.id, expectedCloseDate: '2024-03-01' },
      LATER,
      TAIPEI,
    );
    expect(same).toEqual(deal);
    await updateDealDetails(database, { dealId: deal.id, amount: 10 }, LATER, TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({ amount: 10, expectedCloseDate: '2024-03-01' });
    await updateDealDetails(database, { dealId: deal.id, nextStep: null }, LATER, TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({ nextStep: null });
    database.close();
  });
});

describe('extendCloseDate', () => {
  // NOW is 17:00 on 2026-11-26 in Taipei.
  it('extends an overdue deal from today, and a deal not yet due from its date; each is a push', async () => {
    const overdue = await setUp('extend-overdue', { expectedCloseDate: '2026-11-10', closeDatePushes: 2 });
    await extendCloseDate(overdue.database, overdue.deal.id, 'week', NOW, TAIPEI);
    expect(await overdue.database.deals.get(overdue.deal.id)).toMatchObject({
      expectedCloseDate: '2026-12-03',
      closeDatePushes: 3,
    });
    overdue.database.close();

    const notDue = await setUp('extend-not-due', { expectedCloseDate: '2027-01-31', closeDatePushes: 0 });
    await extendCloseDate(notDue.database, notDue.deal.id, 'month', NOW, TAIPEI);
    expect(await notDue.database.deals.get(notDue.deal.id)).toMatchObject({
      expectedCloseDate: '2027-02-28',
      closeDatePushes: 1,
    });
    notDue.database.close();
  });

  it('uses the rep’s today: at 00:30 on the 27th in Taipei a week is the 4th', async () => {
    const { database, deal } = await setUp('extend-time-zone', { expectedCloseDate: '2026-11-26' });
    await extendCloseDate(database, deal.id, 'week', Date.UTC(2026, 10, 26, 16, 30), TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({ expectedCloseDate: '2026-12-04' });
    database.close();
  });

  it('takes a picked day that is today or later and later than the current date', async () => {
    const { database, deal } = await setUp('extend-pick', {
      expectedCloseDate: '2026-11-20',
      closeDatePushes: 0,
    });
    expect(await problemsOf(extendCloseDate(database, deal.id, { date: '2026-11-25' }, NOW, TAIPEI))).toEqual(
      [{ field: 'deal.expectedCloseDate', message: 'is in the past: pick today or a later day' }],
    );
    expect(await problemsOf(extendCloseDate(database, deal.id, { date: '2026-11-31' }, NOW, TAIPEI))).toEqual(
      [{ field: 'deal.expectedCloseDate', message: 'is not a real date between 2000 and 2200' }],
    );
    await extendCloseDate(database, deal.id, { date: '2026-11-26' }, NOW, TAIPEI);
    expect(await database.deals.get(deal.id)).toMatchObject({
      expectedCloseDate: '2026-11-26',
      closeDatePushes: 1,
    });
    expect(await problemsOf(extendCloseDate(database, deal.id, { date: '2026-11-26' }, NOW, TAIPEI))).toEqual(
      [{ field: 'deal.expectedCloseDate', message: 'is not later than the current expected close date' }],
    );
    database.close();
  });

  it('refuses closed deals', async () => {
    const { database, deal } = await setUp('extend-closed', { status: 'won' });
    expect(await problemsOf(extendCloseDate(database, deal.id, 'week', NOW, TAIPEI))).toEqual([
      { field: 'deal.status', message: 'is closed: only an open deal’s close date can be extended' },
    ]);
    database.close();
  });
});
