import type { FieldProblem } from '@/lib/extension/db/field-problems';
import type { MessageKey } from '@/lib/extension/i18n/en';

/**
 * The data layer (lib/extension/pipeline) reports English problems per field; the options page shows a
 * localized message next to each field instead. One field can fail for several reasons (a stage
 * name empty or taken), so a rule may also look for words of the message; the first match wins,
 * and a field with no matching rule still gets its own field's message.
 */
const RULES: readonly { field: string; says?: string; key: MessageKey }[] = [
  { field: 'pipeline.name', says: 'another pipeline', key: 'pipelines.error.pipelineNameTaken' },
  { field: 'pipeline.name', key: 'pipelines.error.pipelineName' },
  { field: 'pipeline.archived', key: 'pipelines.error.lastActive' },
  { field: 'pipeline.id', key: 'pipelines.error.gone' },
  { field: 'stage.id', key: 'pipelines.error.gone' },
  { field: 'pipeline.stages', says: 'at least one open', key: 'pipelines.error.needsOpenStage' },
  { field: 'pipeline.stages', says: 'one won', key: 'pipelines.error.oneWonStage' },
  { field: 'pipeline.stages', says: 'one lost', key: 'pipelines.error.oneLostStage' },
  { field: 'pipeline.stages', says: 'before the won', key: 'pipelines.error.openStagesFirst' },
  { field: 'pipeline.stages', key: 'pipelines.error.stages' },
  { field: 'stage.name', says: 'another stage', key: 'pipelines.error.stageNameTaken' },
  { field: 'stage.name', key: 'pipelines.error.stageName' },
  { field: 'stage.probability', key: 'pipelines.error.probability' },
  { field: 'stage.expectedDays', key: 'pipelines.error.expectedDays' },
  { field: 'stage.staleAfterDays', key: 'pipelines.error.staleAfterDays' },
  { field: 'stage.checklist', says: 'twice', key: 'pipelines.error.checklistRepeats' },
  { field: 'stage.checklist', says: 'does not have', key: 'pipelines.error.gone' },
  { field: 'stage.checklist', key: 'pipelines.error.checklist' },
  { field: 'stage.kind', says: 'holds deals', key: 'pipelines.error.kindHoldsDeals' },
  { field: 'stage.kind', key: 'pipelines.error.kindFixed' },
  { field: 'stage.moveDealsTo', key: 'pipelines.error.moveDealsTo' },
  { field: 'settings.lostReasons', says: 'at least one', key: 'pipelines.error.lostReasonsEmpty' },
  { field: 'settings.lostReasons', says: 'more than 30', key: 'pipelines.error.lostReasonsTooMany' },
  { field: 'settings.lostReasons', says: 'twice', key: 'pipelines.error.lostReasonsRepeat' },
  { field: 'settings.lostReasons', key: 'pipelines.error.lostReason' },
];

export type PipelineFieldErrors = Partial<Record<string, MessageKey>>;

export function messageKeyOf(problem: FieldProblem): MessageKey {
  const rule = RULES.find(
    (candidate) =>
      candidate.field === problem.field &&
      (candidate.says === undefined || problem.message.includes(candidate.says)),
  );
  return rule?.key ?? 'pipelines.error.generic';
}

/** One message per field: the first problem reported for it. */
export function pipelineErrorsOf(problems: readonly FieldProblem[]): PipelineFieldErrors {
  const errors: PipelineFieldErrors = {};
  for (const problem of problems) errors[problem.field] ??= messageKeyOf(problem);
  return errors;
}
