import {
  type Deal,
  dealSchema,
  type Id,
  newId,
  type Pipeline,
  pipelineSchema,
  type Stage,
  type StageKind,
  stageSchema,
} from '../../shared/model';
import { putRecord } from '../db/collections';
import type { DealsideDatabase } from '../db/database';
import { putDeal } from '../db/deals-write';
import { checkRecord, type FieldProblem, InvalidFormError } from '../db/field-problems';
import type { Language } from '../i18n/translate';
import { moveDealToStage } from './deal-updates';
import { defaultPipeline } from './default-pipeline';

/*
 * The rules a pipeline keeps through every edit here (lib/shared/model/pipeline.ts checks the rest):
 * - at least one open stage, open stages before the won and lost stages (so "forward" means
 *   toward closing), and at most one won and one lost stage (so Mark won / Mark lost have one
 *   place to go);
 * - the won and lost stages keep their kind and cannot be deleted, and a stage holding deals
 *   keeps its kind (its deals' status follows it);
 * - stage names unique within the pipeline, pipeline names unique among live pipelines (both
 *   ignoring case), probability a whole 0–100.
 * Pipelines have no order of their own: they list oldest first, and the oldest active one
 * receives new deals (findDefaultPipeline).
 */

function structureProblems(stages: readonly Stage[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const kinds = stages.map((stage) => stage.kind);
  if (!kinds.includes('open'))
    problems.push({ field: 'pipeline.stages', message: 'needs at least one open stage' });
  if (kinds.filter((kind) => kind === 'won').length > 1)
    problems.push({ field: 'pipeline.stages', message: 'can have only one won stage' });
  if (kinds.filter((kind) => kind === 'lost').length > 1)
    problems.push({ field: 'pipeline.stages', message: 'can have only one lost stage' });
  const firstClosed = kinds.findIndex((kind) => kind !== 'open');
  if (firstClosed >= 0 && kinds.lastIndexOf('open') > firstClosed)
    problems.push({
      field: 'pipeline.stages',
      message: 'must list the open stages before the won and lost stages',
    });
  const names = new Set<string>();
  for (const stage of stages) {
    const key = stage.name.trim().toLocaleLowerCase();
    if (names.has(key))
      problems.push({ field: 'stage.name', message: 'is already the name of another stage' });
    names.add(key);
  }
  return problems;
}

/** Validates and stores the edited pipeline, or throws every problem at once. */
async function storePipeline(
  database: DealsideDatabase,
  candidate: Pipeline,
  problems: FieldProblem[],
): Promise<Pipeline> {
  const structural = structureProblems(candidate.stages);
  const schemaProblems: FieldProblem[] = [];
  const pipeline = checkRecord(pipelineSchema, 'pipeline', candidate, schemaProblems);
  // The schema's own stage rules (an open stage, unique names) are said better, per field, above.
  const fromSchema =
    structural.length > 0
      ? schemaProblems.filter((problem) => problem.field !== 'pipeline.stages')
      : schemaProblems;
  for (const problem of [...structural, ...fromSchema])
    if (!problems.some((known) => known.field === problem.field)) problems.push(problem);
  if (problems.length > 0 || !pipeline) throw new InvalidFormError(problems);
  return putRecord(database, 'pipelines', pipeline);
}

async function loadLivePipeline(database: DealsideDatabase, pipelineId: Id): Promise<Pipeline> {
  const pipeline = await database.pipelines.get(pipelineId);
  if (!pipeline || pipeline.deleted)
    throw new InvalidFormError([{ field: 'pipeline.id', message: 'no longer exists' }]);
  return pipeline;
}

function findStage(pipeline: Pipeline, stageId: Id): Stage {
  const stage = pipeline.stages.find((candidate) => candidate.id === stageId);
  if (!stage) throw new InvalidFormError([{ field: 'stage.id', message: 'is not a stage of this pipeline' }]);
  return stage;
}

async function checkNameIsFree(
  database: DealsideDatabase,
  name: string,
  pipelineId: Id | null,
  problems: FieldProblem[],
): Promise<void> {
  const key = name.trim().toLocaleLowerCase();
  if (key === '') return;
  const clash = await database.pipelines
    .filter(
      (pipeline) =>
        !pipeline.deleted && pipeline.id !== pipelineId && pipeline.name.toLocaleLowerCase() === key,
    )
    .first();
  if (clash) problems.push({ field: 'pipeline.name', message: 'is already the name of another pipeline' });
}

/** A new pipeline with the default stages and checklists in `language`; its name defaults to the template's. */
export function createPipeline(
  database: DealsideDatabase,
  input: { language: Language; name?: string },
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', database.pipelines, async () => {
    const template = defaultPipeline(input.language, now);
    const candidate = { ...template, name: input.name ?? template.name };
    const problems: FieldProblem[] = [];
    await checkNameIsFree(database, candidate.name, null, problems);
    return storePipeline(database, candidate, problems);
  });
}

export function renamePipeline(
  database: DealsideDatabase,
  pipelineId: Id,
  name: string,
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', database.pipelines, async () => {
    const pipeline = await loadLivePipeline(database, pipelineId);
    const problems: FieldProblem[] = [];
    await checkNameIsFree(database, name, pipelineId, problems);
    return storePipeline(database, { ...pipeline, name, updatedAt: now }, problems);
  });
}

/**
 * Archives (hides from the board's pipeline choice and from new deals) or restores a pipeline.
 * Its deals are kept and can still be moved and closed. The last active pipeline cannot be
 * archived: new deals need one, and createDeal would otherwise make a fresh default pipeline.
 */
export function setPipelineArchived(
  database: DealsideDatabase,
  pipelineId: Id,
  archived: boolean,
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', database.pipelines, async () => {
    const pipeline = await loadLivePipeline(database, pipelineId);
    if (pipeline.archived === archived) return pipeline;
    if (archived) {
      const othersActive = await database.pipelines
        .filter((other) => !other.deleted && !other.archived && other.id !== pipelineId)
        .count();
      if (othersActive === 0)
        throw new InvalidFormError([
          {
            field: 'pipeline.archived',
            message: 'is not possible for the only active pipeline: new deals need one',
          },
        ]);
    }
    return storePipeline(database, { ...pipeline, archived, updatedAt: now }, []);
  });
}

/** A stage as the options page edits it; checklist items without an id are new. */
export type StageInput = {
  name: string;
  /** A whole percentage, 0–100. */
  probability: number;
  kind: StageKind;
  /** Whole days, 0–3650, or null when the team has not said. */
  expectedDays: number | null;
  /** Whole days, 1–3650, or null for never. */
  staleAfterDays: number | null;
  checklist: readonly { id?: Id; label: string }[];
};

function wholeNumberProblem(
  field: string,
  value: number | null,
  min: number,
  max: number,
  unit: string,
): FieldProblem | null {
  if (value === null || (Number.isInteger(value) && value >= min && value <= max)) return null;
  if (Number.isNaN(value)) return { field, message: 'must be a number' };
  return { field, message: `must be a whole number ${unit} from ${min} to ${max}` };
}

/** The stage a StageInput describes, with problems for every field the form shows. */
function buildStage(
  id: Id,
  input: StageInput,
  previous: Stage | null,
  now: number,
  problems: FieldProblem[],
) {
  const numberProblems = [
    wholeNumberProblem('stage.probability', input.probability, 0, 100, 'of percent'),
    wholeNumberProblem('stage.expectedDays', input.expectedDays, 0, 3650, 'of days'),
    wholeNumberProblem('stage.staleAfterDays', input.staleAfterDays, 1, 3650, 'of days'),
  ];
  for (const problem of numberProblems) if (problem) problems.push(problem);
  const knownItems = new Set(previous?.checklist.map((item) => item.id));
  if (input.checklist.some((item) => item.id !== undefined && !knownItems.has(item.id)))
    problems.push({ field: 'stage.checklist', message: 'names an item this stage does not have' });
  const labels = input.checklist.map((item) => item.label.trim().toLocaleLowerCase());
  if (new Set(labels).size !== labels.length)
    problems.push({ field: 'stage.checklist', message: 'lists the same item twice' });
  return checkRecord(
    stageSchema,
    'stage',
    {
      id,
      name: input.name,
      probability: input.probability,
      kind: input.kind,
      expectedDays: input.expectedDays,
      staleAfterDays: input.staleAfterDays,
      checklist: input.checklist.map((item) => ({ id: item.id ?? newId(now), label: item.label })),
    },
    problems,
  );
}

/**
 * Adds a stage: an open stage goes after the last open stage (before won and lost), a won or
 * lost stage (only when the pipeline lacks one) at the end.
 */
export function addStage(
  database: DealsideDatabase,
  pipelineId: Id,
  input: StageInput,
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', database.pipelines, async () => {
    const pipeline = await loadLivePipeline(database, pipelineId);
    const problems: FieldProblem[] = [];
    const stage = buildStage(newId(now), input, null, now, problems);
    if (!stage) throw new InvalidFormError(problems);
    const stages = [...pipeline.stages];
    const firstClosed = stages.findIndex((candidate) => candidate.kind !== 'open');
    if (stage.kind === 'open' && firstClosed >= 0) stages.splice(firstClosed, 0, stage);
    else stages.push(stage);
    return storePipeline(database, { ...pipeline, stages, updatedAt: now }, problems);
  });
}

/**
 * Changes a stage's settings (name, probability, kind, expected days, stale limit, checklist);
 * fields left out keep their value, so renaming is `{ name }`.
 * Removing a checklist item leaves its id in deals' checklistDone, where it no longer matches
 * anything: harmless, and it keeps deals untouched by a pipeline edit.
 */
export function updateStage(
  database: DealsideDatabase,
  pipelineId: Id,
  stageId: Id,
  changes: Partial<StageInput>,
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', [database.pipelines, database.deals], async () => {
    const pipeline = await loadLivePipeline(database, pipelineId);
    const previous = findStage(pipeline, stageId);
    const input: StageInput = { ...previous, ...changes };
    const problems: FieldProblem[] = [];
    if (input.kind !== previous.kind) {
      if (previous.kind !== 'open')
        problems.push({
          field: 'stage.kind',
          message: `cannot change: Mark ${previous.kind} moves deals to this stage`,
        });
      else if ((await liveDealsIn(database, stageId)).length > 0)
        problems.push({ field: 'stage.kind', message: 'cannot change while the stage holds deals' });
    }
    const stage = buildStage(stageId, input, previous, now, problems);
    if (!stage) throw new InvalidFormError(problems);
    const stages = pipeline.stages.map((candidate) => (candidate.id === stageId ? stage : candidate));
    return storePipeline(database, { ...pipeline, stages, updatedAt: now }, problems);
  });
}

/** Puts the stages in the given order, which must name every stage of the pipeline once. */
export function reorderStages(
  database: DealsideDatabase,
  pipelineId: Id,
  orderedStageIds: readonly Id[],
  now: number = Date.now(),
): Promise<Pipeline> {
  return database.transaction('rw', database.pipelines, async () => {
    const pipeline = await loadLivePipeline(database, pipelineId);
    const byId = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
    const stages = orderedStageIds.flatMap((id) => byId.get(id) ?? []);
    if (stages.length !== pipeline.stages.length || new Set(orderedStageIds).size !== orderedStageIds.length)
      throw new InvalidFormError([
        { field: 'pipeline.stages', message: 'must list every stage of the pipeline exactly once' },
      ]);
    return storePipeline(database, { ...pipeline, stages, updatedAt: now }, []);
  });
}

function liveDealsIn(database: DealsideDatabase, stageId: Id) {
  return database.deals
    .where('stageId')
    .equals(stageId)
    .filter((deal) => !deal.deleted)
    .toArray();
}

export type DeleteStageInput = {
  pipelineId: Id;
  stageId: Id;
  /** Another open stage of the pipeline for the deals the stage holds; null when it holds none. */
  moveDealsToStageId: Id | null;
  /** Who deleted the stage: the author of the moved deals' stage-change activities. */
  authorId: Id;
};

/**
 * Deletes an open stage, moving every deal in it to another open stage in the same transaction:
 * each live deal gets a stage-change activity (no checklist is asked: the rep did not choose
 * this move for the deal); tombstoned deals move quietly, so no record, deleted or not, names a
 * stage that is gone (a backup would refuse it). Refused, with nothing changed, when deals remain
 * and no target is given, and for the won and lost stages.
 */
export function deleteStage(
  database: DealsideDatabase,
  input: DeleteStageInput,
  now: number = Date.now(),
): Promise<{ pipeline: Pipeline; movedDeals: number }> {
  const tables = [database.pipelines, database.deals, database.activities, database.reminders];
  return database.transaction('rw', tables, async () => {
    const pipeline = await loadLivePipeline(database, input.pipelineId);
    const stage = findStage(pipeline, input.stageId);
    if (stage.kind !== 'open')
      throw new InvalidFormError([
        { field: 'stage.kind', message: `is ${stage.kind}: Mark ${stage.kind} moves deals to this stage` },
      ]);
    const remaining = pipeline.stages.filter((candidate) => candidate.id !== stage.id);
    const held = await database.deals.where('stageId').equals(stage.id).toArray();
    const live = held.filter((deal) => !deal.deleted);
    const target = remaining.find((candidate) => candidate.id === input.moveDealsToStageId);
    const problems: FieldProblem[] = [];
    if (input.moveDealsToStageId === null && live.length > 0)
      problems.push({
        field: 'stage.moveDealsTo',
        message: `holds ${live.length} ${live.length === 1 ? 'deal' : 'deals'}: choose a stage to move them to`,
      });
    else if (input.moveDealsToStageId !== null && target?.kind !== 'open')
      problems.push({ field: 'stage.moveDealsTo', message: 'must be another open stage of this pipeline' });
    // Stored first, so a pipeline left without an open stage is refused before any deal moves.
    const stored = await storePipeline(
      database,
      { ...pipeline, stages: remaining, updatedAt: now },
      problems,
    );

    // storePipeline refused a pipeline without an open stage, so there is always one to fall back on.
    const targetId = target?.id ?? remaining.find((candidate) => candidate.kind === 'open')?.id;
    if (targetId) await moveHeldDeals(database, held, pipeline, targetId, input.authorId, now);
    return { pipeline: stored, movedDeals: live.length };
  });
}

async function moveHeldDeals(
  database: DealsideDatabase,
  held: readonly Deal[],
  pipeline: Pipeline,
  targetId: Id,
  authorId: Id,
  now: number,
): Promise<void> {
  for (const deal of held) {
    const problems: FieldProblem[] = [];
    const current = checkRecord(dealSchema, 'deal', deal, problems);
    if (!current) throw new InvalidFormError(problems);
    if (current.deleted) {
      await putDeal(database, { ...current, stageId: targetId, updatedAt: now }, now);
      continue;
    }
    const move = {
      toStageId: targetId,
      checkedItemIds: [],
      skippedItemIds: [],
      authorId,
      confirmChecklist: false,
    };
    await moveDealToStage(database, current, pipeline, move, now);
  }
}
