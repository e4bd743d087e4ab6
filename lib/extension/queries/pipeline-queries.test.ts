import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { makeDeal, makePipeline, NOW } from '@/tests/unit/records';
import { liveDealCountsByStage, livePipelines } from './pipeline-queries';

describe('pipeline queries', () => {
  it('list live pipelines oldest first, archived included, tombstones left out', async () => {
    const database = isolatedDatabase('pipeline-queries-list');
    const newer = { ...makePipeline(), name: 'Renewals', createdAt: NOW + 1, archived: true };
    const older = makePipeline();
    const gone = { ...makePipeline(), name: 'Old', deleted: true };
    await database.pipelines.bulkAdd([newer, older, gone]);
    expect((await livePipelines(database)).map((pipeline) => pipeline.id)).toEqual([older.id, newer.id]);
    database.close();
  });

  it('count the live deals of each stage asked about', async () => {
    const database = isolatedDatabase('pipeline-queries-counts');
    const pipeline = makePipeline();
    const [lead, qualified, proposal] = pipeline.stages;
    if (!lead || !qualified || !proposal) throw new Error('the default pipeline changed');
    await database.deals.bulkAdd([
      makeDeal(pipeline, { stageId: lead.id }),
      makeDeal(pipeline, { stageId: lead.id }),
      makeDeal(pipeline, { stageId: lead.id, deleted: true }),
      makeDeal(pipeline, { stageId: qualified.id }),
      makeDeal(pipeline, { stageId: proposal.id }),
    ]);
    expect(await liveDealCountsByStage(database, [lead.id, qualified.id])).toEqual({
      [lead.id]: 2,
      [qualified.id]: 1,
    });
    expect(await liveDealCountsByStage(database, [])).toEqual({});
    database.close();
  });
});
