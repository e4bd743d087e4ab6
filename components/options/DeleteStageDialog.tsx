import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { deleteStage } from '@/lib/extension/pipeline/pipeline-edit';
import type { Id, Pipeline, Stage } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { usePipelineWrite } from './usePipelineWrite';

export type DeletedStage = { stageName: string; movedDeals: number; targetName: string | null };

/** The open stage nearest before `stage`, else the first open stage after it: where its deals most likely belong. */
function defaultTarget(pipeline: Pipeline, stage: Stage): Stage | undefined {
  const index = pipeline.stages.findIndex((candidate) => candidate.id === stage.id);
  const open = (candidate: Stage) => candidate.kind === 'open' && candidate.id !== stage.id;
  return pipeline.stages.slice(0, index).filter(open).at(-1) ?? pipeline.stages.slice(index + 1).find(open);
}

/**
 * Asks before deleting a stage and, when it holds deals, where they go: nothing is orphaned. A
 * modal <dialog> keeps focus inside and closes on Escape; the caller puts focus back.
 */
export function DeleteStageDialog({
  pipeline,
  stage,
  dealCount,
  authorId,
  onClose,
  onDeleted,
}: {
  pipeline: Pipeline;
  stage: Stage;
  /** Live deals in the stage; null while they are being counted. */
  dealCount: number | null;
  authorId: Id;
  onClose: () => void;
  onDeleted: (deleted: DeletedStage) => void;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const targetSelect = useRef<HTMLSelectElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const summaryId = useId();
  const targets = pipeline.stages.filter(
    (candidate) => candidate.kind === 'open' && candidate.id !== stage.id,
  );
  const [targetId, setTargetId] = useState<Id>(() => defaultTarget(pipeline, stage)?.id ?? '');
  const target = targets.find((candidate) => candidate.id === targetId) ?? null;
  const write = usePipelineWrite({
    write: (moveTo: Id | null) =>
      deleteStage(openDatabase(), {
        pipelineId: pipeline.id,
        stageId: stage.id,
        moveDealsToStageId: moveTo,
        authorId,
      }),
    onDone: (result) => {
      // Closed first: while it is open everything behind it is inert and cannot take focus.
      dialog.current?.close();
      onDeleted({
        stageName: stage.name,
        movedDeals: result.movedDeals,
        targetName: result.movedDeals > 0 ? (target?.name ?? null) : null,
      });
    },
  });
  const asksForTarget =
    targets.length > 0 && ((dealCount ?? 0) > 0 || Boolean(write.errors['stage.moveDealsTo']));
  const problem =
    write.errors['stage.moveDealsTo'] ??
    write.errors['pipeline.stages'] ??
    write.errors['stage.kind'] ??
    write.errors['pipeline.id'] ??
    write.errors['stage.id'];

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    // Where the deals go is the decision to make; with no deals, the safe choice comes first.
    (targetSelect.current ?? cancelButton.current)?.focus();
    return () => element?.close();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.run(asksForTarget ? targetId || null : null);
  };

  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      aria-labelledby={titleId}
      aria-describedby={summaryId}
      // Escape closes the dialog itself; the caller then unmounts it and puts focus back.
      onCancel={onClose}
    >
      <form onSubmit={submit} noValidate>
        <h3 id={titleId}>{t('pipelines.delete.title', { stage: stage.name })}</h3>
        <div id={summaryId}>
          {dealCount === null ? (
            <StatusMessage kind="loading">{t('pipelines.delete.counting')}</StatusMessage>
          ) : targets.length === 0 ? (
            <p className="dialog-note">{t('pipelines.error.needsOpenStage')}</p>
          ) : (
            <p className="dialog-note">{t('pipelines.delete.holds', { count: dealCount })}</p>
          )}
        </div>
        {asksForTarget && (
          <div className="field">
            <label htmlFor={`${titleId}-target`}>{t('pipelines.delete.moveTo')}</label>
            <select
              id={`${titleId}-target`}
              ref={targetSelect}
              value={targetId}
              onChange={(event) => setTargetId(event.target.value)}
              aria-invalid={Boolean(write.errors['stage.moveDealsTo'])}
            >
              {targets.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.name}
                </option>
              ))}
            </select>
            {target && dealCount !== null && dealCount > 0 && (
              <p className="help" data-testid="deals-to-move">
                {t('pipelines.delete.willMove', { count: dealCount, stage: target.name })}
              </p>
            )}
          </div>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {t(problem)}
          </p>
        )}
        {write.failure && (
          <p className="status status-error" role="alert">
            {t('pipelines.saveFailed', { reason: write.failure.message })}
          </p>
        )}
        <div className="actions">
          {dealCount !== null && targets.length > 0 && (
            <button type="submit" className="danger" disabled={write.isSaving}>
              {t('pipelines.delete.confirm', { count: asksForTarget ? dealCount : 0 })}
            </button>
          )}
          <button
            type="button"
            ref={cancelButton}
            onClick={() => {
              dialog.current?.close();
              onClose();
            }}
          >
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
