import { describe, expect, it } from 'vitest';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { newId, type Pipeline } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import {
  addStage,
  createPipeline,
  deleteStage,
  renamePipeline,
  reorderStages,
  type StageInput,
  setPipelineArchived,
  updateStage,
} from './pipeline-edit';

const AUTHOR = newId(NOW);
const LATER = NOW + 60_000;

async function problemsOf(action: Promise<unknown>) {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InvalidFormError))
    throw new Error(`expected InvalidFormError, got ${String(error)}`);
  return error.problems;
}

async function withPipeline(name: string) {
  const database = isolatedDatabase(name);
  const pipeline = makePipeline();
  await database.pipelines.add(pipeline);
  return { database, pipeline };
}

function stageAt(pipeline: Pipeline, index: number) {
  const stage = pipeline.stages[index];
  if (!stage) throw new Error(`no stage ${index}`);
  return stage;
}

const DEMO: StageInput = {
  name: '技術驗證',
  probability: 40,
  kind: 'open',
  expectedDays: 14,
  staleAfterDays: 10,
  checklist: [{ label: '已完成 POC' }],
};

describe('pipelines', () => {
  it('creates pipelines from the template in either language, with unique names', async () => {
    const database = isolatedDatabase('create-pipeline');
    const english = await createPipeline(database, { language: 'en' }, NOW);
    expect(english.name).toBe('New business');
    expect(english.stages.map((stage) => stage.name)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const renewals = await createPipeline(database, { language: 'zh-TW', name: '續約' }, NOW);
    expect(renewals.stages[0]?.name).toBe('潛在客戶');
    expect(await problemsOf(createPipeline(database, { language: 'en', name: 'new BUSINESS' }, NOW))).toEqual(
      [{ field: 'pipeline.name', message: 'is already the name of another pipeline' }],
    );
    expect(await problemsOf(renamePipeline(database, renewals.id, '  ', LATER))).toEqual([
      { field: 'pipeline.name', message: 'must not be empty' },
    ]);
    expect((await renamePipeline(database, renewals.id, '續約（2027）', LATER)).name).toBe('續約（2027）');
    expect(await database.pipelines.count()).toBe(2);
    database.close();
  });

  it('archives and restores, but never the last active pipeline', async () => {
    const { database, pipeline } = await withPipeline('archive');
    expect(await problemsOf(setPipelineArchived(database, pipeline.id, true, LATER))).toEqual([
      {
        field: 'pipeline.archived',
        message: 'is not possible for the only active pipeline: new deals need one',
      },
    ]);
    await createPipeline(database, { language: 'en' }, NOW);
    expect((await setPipelineArchived(database, pipeline.id, true, LATER)).archived).toBe(true);
    expect((await setPipelineArchived(database, pipeline.id, false, LATER)).archived).toBe(false);
    database.close();
  });
});

describe('stages', () => {
  it('adds an open stage after the last open one, with new checklist ids', async () => {
    const { database, pipeline } = await withPipeline('add-stage');
    const updated = await addStage(database, pipeline.id, DEMO, LATER);
    expect(updated.stages.map((stage) => stage.name)).toEqual([
      '潛在客戶',
      '需求確認',
      '提案報價',
      '議價',
      '技術驗證',
      '成交',
      '失敗',
    ]);
    expect(updated.stages[4]?.checklist).toEqual([{ id: expect.any(String), label: '已完成 POC' }]);
    expect(await database.pipelines.get(pipeline.id)).toEqual(updated);
    database.close();
  });

  it('refuses bad stage fields with clear messages, storing nothing', async () => {
    const { database, pipeline } = await withPipeline('stage-refusals');
    const cases: [Partial<StageInput>, { field: string; message: string }][] = [
      [
        { probability: 120 },
        { field: 'stage.probability', message: 'must be a whole number of percent from 0 to 100' },
      ],
      [
        { probability: -1 },
        { field: 'stage.probability', message: 'must be a whole number of percent from 0 to 100' },
      ],
      [{ probability: Number.NaN }, { field: 'stage.probability', message: 'must be a number' }],
      [
        { probability: 12.5 },
        { field: 'stage.probability', message: 'must be a whole number of percent from 0 to 100' },
      ],
      [{ name: '   ' }, { field: 'stage.name', message: 'must not be empty' }],
      [{ name: '議價' }, { field: 'stage.name', message: 'is already the name of another stage' }],
      [
        { staleAfterDays: 0 },
        { field: 'stage.staleAfterDays', message: 'must be a whole number of days from 1 to 3650' },
      ],
      [
        { expectedDays: 5000 },
        { field: 'stage.expectedDays', message: 'must be a whole number of days from 0 to 3650' },
      ],
      [
        { checklist: [{ label: '預算' }, { label: '預算 ' }] },
        { field: 'stage.checklist', message: 'lists the same item twice' },
      ],
      [{ kind: 'won' }, { field: 'pipeline.stages', message: 'can have only one won stage' }],
    ];
    for (const [change, problem] of cases) {
      expect(await problemsOf(addStage(database, pipeline.id, { ...DEMO, ...change }, LATER))).toEqual([
        problem,
      ]);
    }
    expect(await database.pipelines.get(pipeline.id)).toEqual(pipeline);
    database.close();
  });

  it('edits a stage’s settings and checklist, keeping item ids', async () => {
    const { database, pipeline } = await withPipeline('update-stage');
    const qualified = stageAt(pipeline, 1);
    const [budget] = qualified.checklist;
    const updated = await updateStage(
      database,
      pipeline.id,
      qualified.id,
      {
        name: '需求確認（BANT）',
        probability: 30,
        staleAfterDays: null,
        checklist: [{ id: budget?.id, label: '已確認預算範圍' }, { label: '已知痛點' }],
      },
      LATER,
    );
    const stage = stageAt(updated, 1);
    expect(stage).toMatchObject({
      name: '需求確認（BANT）',
      probability: 30,
      staleAfterDays: null,
      expectedDays: 21,
    });
    expect(stage.checklist).toEqual([
      { id: budget?.id, label: '已確認預算範圍' },
      { id: expect.any(String), label: '已知痛點' },
    ]);
    expect(
      await problemsOf(
        updateStage(database, pipeline.id, qualified.id, { checklist: [{ id: newId(), label: 'x' }] }),
      ),
    ).toEqual([{ field: 'stage.checklist', message: 'names an item this stage does not have' }]);
    database.close();
  });

  it('keeps the won and lost stages, and the kind of a stage holding deals', async () => {
    const { database, pipeline } = await withPipeline('stage-kinds');
    const [, qualified, , , won, lost] = pipeline.stages;
    if (!qualified || !won || !lost) throw new Error('default stages missing');
    expect(await problemsOf(updateStage(database, pipeline.id, won.id, { kind: 'open' }))).toEqual([
      { field: 'stage.kind', message: 'cannot change: Mark won moves deals to this stage' },
    ]);
    await database.deals.add(makeDeal(pipeline, { stageId: qualified.id }));
    expect(
      await problemsOf(updateStage(database, pipeline.id, qualified.id, { kind: 'lost' })),
    ).toContainEqual({ field: 'stage.kind', message: 'cannot change while the stage holds deals' });
    expect(
      await problemsOf(
        deleteStage(database, {
          pipelineId: pipeline.id,
          stageId: lost.id,
          moveDealsToStageId: null,
          authorId: AUTHOR,
        }),
      ),
    ).toEqual([{ field: 'stage.kind', message: 'is lost: Mark lost moves deals to this stage' }]);
    database.close();
  });

  it('reorders stages, keeping open stages before won and lost', async () => {
    const { database, pipeline } = await withPipeline('reorder');
    const ids = pipeline.stages.map((stage) => stage.id);
    const [lead, qualified, proposal, negotiation, won, lost] = ids as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const reordered = await reorderStages(
      database,
      pipeline.id,
      [qualified, lead, proposal, negotiation, lost, won],
      LATER,
    );
    expect(reordered.stages.map((stage) => stage.id)).toEqual([
      qualified,
      lead,
      proposal,
      negotiation,
      lost,
      won,
    ]);
    expect(
      await problemsOf(
        reorderStages(database, pipeline.id, [lead, won, qualified, proposal, negotiation, lost], LATER),
      ),
    ).toEqual([
      { field: 'pipeline.stages', message: 'must list the open stages before the won and lost stages' },
    ]);
    expect(
      await problemsOf(reorderStages(database, pipeline.id, [lead, lead, proposal, negotiation, won, lost])),
    ).toEqual([{ field: 'pipeline.stages', message: 'must list every stage of the pipeline exactly once' }]);
    database.close();
  });
});

describe('deleteStage', () => {
  it('moves every deal of the stage, with a stage-change activity each, in one transaction', async () => {
    const { database, pipeline } = await withPipeline('delete-stage');
    const proposal = stageAt(pipeline, 2);
    const negotiation = stageAt(pipeline, 3);
    const held = [
      makeDeal(pipeline, { stageId: proposal.id }),
      makeDeal(pipeline, { stageId: proposal.id }),
      makeDeal(pipeline, { stageId: proposal.id, deleted: true }),
    ];
    const elsewhere = makeDeal(pipeline, { stageId: negotiation.id });
    await database.deals.bulkAdd([...held, elsewhere]);

    const result = await deleteStage(
      database,
      { pipelineId: pipeline.id, stageId: proposal.id, moveDealsToStageId: negotiation.id, authorId: AUTHOR },
      LATER,
    );
    expect(result.movedDeals).toBe(2);
    expect(result.pipeline.stages.map((stage) => stage.id)).not.toContain(proposal.id);
    expect(await database.pipelines.get(pipeline.id)).toEqual(result.pipeline);
    const deals = await database.deals.toArray();
    expect(deals.filter((deal) => deal.stageId === proposal.id)).toEqual([]);
    expect(deals.filter((deal) => deal.stageId === negotiation.id)).toHaveLength(4);
    const changes = (await database.activities.toArray()).filter(
      (activity) => activity.kind === 'stage-change',
    );
    expect(changes).toHaveLength(2);
    expect(changes).toEqual(
      held.slice(0, 2).map((deal) =>
        expect.objectContaining({
          dealId: deal.id,
          fromStageId: proposal.id,
          toStageId: negotiation.id,
          authorId: AUTHOR,
          occurredAt: LATER,
          skippedChecklistItemIds: [],
        }),
      ),
    );
    database.close();
  });

  it('refuses to leave deals without a stage, or to move them to a closed or foreign stage', async () => {
    const { database, pipeline } = await withPipeline('delete-stage-refused');
    const [lead, qualified, , , won] = pipeline.stages;
    if (!lead || !qualified || !won) throw new Error('default stages missing');
    const deal = makeDeal(pipeline, { stageId: qualified.id });
    await database.deals.add(deal);
    const input = { pipelineId: pipeline.id, stageId: qualified.id, authorId: AUTHOR };
    expect(await problemsOf(deleteStage(database, { ...input, moveDealsToStageId: null }, LATER))).toEqual([
      { field: 'stage.moveDealsTo', message: 'holds 1 deal: choose a stage to move them to' },
    ]);
    for (const target of [won.id, qualified.id, newId()]) {
      expect(
        await problemsOf(deleteStage(database, { ...input, moveDealsToStageId: target }, LATER)),
      ).toEqual([{ field: 'stage.moveDealsTo', message: 'must be another open stage of this pipeline' }]);
    }
    expect(await database.pipelines.get(pipeline.id)).toEqual(pipeline);
    expect(await database.deals.get(deal.id)).toEqual(deal);
    expect(await database.activities.count()).toBe(0);
    database.close();
  });

  it('rolls everything back when one deal cannot be moved: the stage and every deal stay', async () => {
    const { database, pipeline } = await withPipeline('delete-stage-rollback');
    const proposal = stageAt(pipeline, 2);
    const movable = makeDeal(pipeline, { stageId: proposal.id });
    // A record an older, buggier version could have stored: it fails the schema when moved.
    const broken = { ...makeDeal(pipeline, { stageId: proposal.id }), amount: -1 };
    await database.deals.bulkAdd([movable, broken]);
    const problems = await problemsOf(
      deleteStage(
        database,
        {
          pipelineId: pipeline.id,
          stageId: proposal.id,
          moveDealsToStageId: stageAt(pipeline, 1).id,
          authorId: AUTHOR,
        },
        LATER,
      ),
    );
    expect(problems).toEqual([{ field: 'deal.amount', message: 'must not be negative' }]);
    expect(await database.pipelines.get(pipeline.id)).toEqual(pipeline);
    expect(await database.deals.get(movable.id)).toEqual(movable);
    expect(await database.activities.count()).toBe(0);
    database.close();
  });

  it('deletes an empty stage without a target, but never the last open stage', async () => {
    const { database, pipeline } = await withPipeline('delete-empty-stage');
    const open = pipeline.stages.filter((stage) => stage.kind === 'open');
    for (const stage of open.slice(0, -1)) {
      await deleteStage(database, {
        pipelineId: pipeline.id,
        stageId: stage.id,
        moveDealsToStageId: null,
        authorId: AUTHOR,
      });
    }
    const last = open[open.length - 1];
    if (!last) throw new Error('no open stage');
    expect(
      await problemsOf(
        deleteStage(database, {
          pipelineId: pipeline.id,
          stageId: last.id,
          moveDealsToStageId: null,
          authorId: AUTHOR,
        }),
      ),
    ).toEqual([{ field: 'pipeline.stages', message: 'needs at least one open stage' }]);
    expect((await database.pipelines.get(pipeline.id))?.stages.map((stage) => stage.kind)).toEqual([
      'open',
      'won',
      'lost',
    ]);
    database.close();
  });
});
