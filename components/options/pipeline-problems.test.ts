import { describe, expect, it } from 'vitest';
import { type FieldProblem, InvalidFormError } from '@/lib/extension/db/field-problems';
import { defaultSettings } from '@/lib/extension/db/settings';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { saveLostReasons } from '@/lib/extension/pipeline/lost-reasons';
import {
  addStage,
  createPipeline,
  deleteStage,
  renamePipeline,
  reorderStages,
  setPipelineArchived,
  updateStage,
} from '@/lib/extension/pipeline/pipeline-edit';
import { newId } from '@/lib/shared/model';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { messageKeyOf, pipelineErrorsOf } from './pipeline-problems';

async function problemsOf(action: Promise<unknown>): Promise<readonly FieldProblem[]> {
  const error = await action.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof InvalidFormError))
    throw new Error(`expected InvalidFormError, got ${String(error)}`);
  return error.problems;
}

/** The messages the form shows for the problems an action is refused with, first reported first. */
async function shownFor(action: Promise<unknown>): Promise<MessageKey[]> {
  return (await problemsOf(action)).map(messageKeyOf);
}

const STAGE = {
  name: 'POC',
  probability: 40,
  kind: 'open' as const,
  expectedDays: null,
  staleAfterDays: null,
  checklist: [],
};

describe('the pipelines editor’s messages for the data layer’s real refusals', () => {
  it('names each pipeline and stage problem specifically, never with the generic message', async () => {
    const database = isolatedDatabase('pipeline-problems');
    const pipeline = makePipeline();
    await database.pipelines.add(pipeline);
    const [lead, qualified, , , won] = pipeline.stages;
    if (!lead || !qualified || !won) throw new Error('the default pipeline changed');
    await database.deals.add(makeDeal(pipeline, { stageId: lead.id }));

    const cases: [Promise<unknown>, MessageKey][] = [
      [createPipeline(database, { language: 'zh-TW' }), 'pipelines.error.pipelineNameTaken'],
      [renamePipeline(database, pipeline.id, '  '), 'pipelines.error.pipelineName'],
      [setPipelineArchived(database, pipeline.id, true), 'pipelines.error.lastActive'],
      [renamePipeline(database, newId(NOW), 'x'), 'pipelines.error.gone'],
      [updateStage(database, pipeline.id, lead.id, { probability: 120 }), 'pipelines.error.probability'],
      [updateStage(database, pipeline.id, lead.id, { name: '' }), 'pipelines.error.stageName'],
      [
        updateStage(database, pipeline.id, lead.id, { name: qualified.name }),
        'pipelines.error.stageNameTaken',
      ],
      [updateStage(database, pipeline.id, lead.id, { expectedDays: -1 }), 'pipelines.error.expectedDays'],
      [updateStage(database, pipeline.id, lead.id, { staleAfterDays: 0 }), 'pipelines.error.staleAfterDays'],
      [
        updateStage(database, pipeline.id, lead.id, { checklist: [{ label: 'A' }, { label: 'a' }] }),
        'pipelines.error.checklistRepeats',
      ],
      [
        updateStage(database, pipeline.id, lead.id, { checklist: [{ label: ' ' }] }),
        'pipelines.error.checklist',
      ],
      [updateStage(database, pipeline.id, won.id, { kind: 'open' }), 'pipelines.error.kindFixed'],
      [updateStage(database, pipeline.id, lead.id, { kind: 'lost' }), 'pipelines.error.kindHoldsDeals'],
      [updateStage(database, pipeline.id, qualified.id, { kind: 'won' }), 'pipelines.error.oneWonStage'],
      [addStage(database, pipeline.id, { ...STAGE, kind: 'lost' }), 'pipelines.error.oneLostStage'],
      [
        reorderStages(database, pipeline.id, [
          won.id,
          ...pipeline.stages.filter((s) => s !== won).map((s) => s.id),
        ]),
        'pipelines.error.openStagesFirst',
      ],
      [
        deleteStage(database, {
          pipelineId: pipeline.id,
          stageId: lead.id,
          moveDealsToStageId: null,
          authorId: newId(),
        }),
        'pipelines.error.moveDealsTo',
      ],
    ];
    for (const [action, key] of cases) expect((await shownFor(action))[0]).toBe(key);
    database.close();
  });

  it('says a pipeline needs an open stage when its last one would go', async () => {
    const database = isolatedDatabase('pipeline-problems-open');
    const pipeline = makePipeline();
    const closed = pipeline.stages.filter((stage) => stage.kind !== 'open');
    const [only] = pipeline.stages;
    if (!only) throw new Error('the default pipeline changed');
    await database.pipelines.add({ ...pipeline, stages: [only, ...closed] });
    const refused = deleteStage(database, {
      pipelineId: pipeline.id,
      stageId: only.id,
      moveDealsToStageId: null,
      authorId: newId(),
    });
    expect(pipelineErrorsOf(await problemsOf(refused))).toEqual({
      'pipeline.stages': 'pipelines.error.needsOpenStage',
    });
    database.close();
  });

  it('names each lost-reasons problem', async () => {
    const database = isolatedDatabase('pipeline-problems-lost');
    await database.settings.add(defaultSettings('en', NOW));
    const cases: [readonly string[], MessageKey][] = [
      [[], 'pipelines.error.lostReasonsEmpty'],
      [['Price', 'price'], 'pipelines.error.lostReasonsRepeat'],
      [Array.from({ length: 31 }, (_, index) => `Reason ${index}`), 'pipelines.error.lostReasonsTooMany'],
      [['x'.repeat(101)], 'pipelines.error.lostReason'],
    ];
    for (const [reasons, key] of cases)
      expect(await shownFor(saveLostReasons(database, reasons))).toEqual([key]);
    database.close();
  });

  it('keeps the first problem of a field and falls back to the generic message for an unknown field', () => {
    expect(
      pipelineErrorsOf([
        { field: 'stage.name', message: 'is already the name of another stage' },
        { field: 'stage.name', message: 'must not be empty' },
        { field: 'stage.colour', message: 'is not a colour' },
      ]),
    ).toEqual({ 'stage.name': 'pipelines.error.stageNameTaken', 'stage.colour': 'pipelines.error.generic' });
  });
});
