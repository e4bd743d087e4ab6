import { useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import type { MessageKey } from '@/lib/extension/i18n/en';
import {
  addStage,
  reorderStages,
  type StageInput,
  updateStage,
} from '@/lib/extension/pipeline/pipeline-edit';
import type { Id, Pipeline, Stage } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { type DeletedStage, DeleteStageDialog } from './DeleteStageDialog';
import { NEW_STAGE, StageForm } from './StageForm';
import { usePipelineWrite } from './usePipelineWrite';

type Direction = -1 | 1;

/** Open stages stay before the won and lost stages, so a stage only swaps with one of its own side. */
function canMove(stages: readonly Stage[], index: number, direction: Direction): boolean {
  const neighbour = stages[index + direction];
  const stage = stages[index];
  return Boolean(neighbour && stage) && (neighbour?.kind === 'open') === (stage?.kind === 'open');
}

/** A pipeline's stages in order: edit, move up and down, delete, and add. */
export function StageList({
  pipeline,
  dealCounts,
  authorId,
}: {
  pipeline: Pipeline;
  /** Live deals per stage; null while they are being counted. */
  dealCounts: Record<Id, number> | null;
  authorId: Id;
}) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<Id | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Id | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // The button to focus once the list has rendered: `${stageId}:edit|delete|-1|1`, or 'add'.
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const buttons = useRef(new Map<string, HTMLButtonElement>());
  const stages = pipeline.stages;

  const buttonRef = (key: string) => (element: HTMLButtonElement | null) => {
    if (element) buttons.current.set(key, element);
    else buttons.current.delete(key);
  };

  const reorder = usePipelineWrite({
    write: ({ order }: { order: Id[]; stageId: Id; direction: Direction }) =>
      reorderStages(openDatabase(), pipeline.id, order),
    onDone: (saved, { stageId, direction }) => {
      const position = saved.stages.findIndex((stage) => stage.id === stageId);
      const stage = saved.stages[position];
      if (stage)
        setAnnouncement(
          t('pipelines.stage.moved', {
            stage: stage.name,
            position: position + 1,
            total: saved.stages.length,
          }),
        );
      // Focus follows the stage: the same button, or the other one once the stage reaches an end.
      setFocusKey(`${stageId}:${canMove(saved.stages, position, direction) ? direction : -direction}`);
    },
  });

  useEffect(() => {
    if (focusKey === null) return;
    buttons.current.get(focusKey)?.focus();
    setFocusKey(null);
  }, [focusKey]);

  const move = (index: number, direction: Direction) => {
    const stage = stages[index];
    if (!stage || reorder.isSaving || !canMove(stages, index, direction)) return;
    const order = stages.map((candidate) => candidate.id);
    [order[index], order[index + direction]] = [order[index + direction] as Id, stage.id];
    reorder.run({ order, stageId: stage.id, direction });
  };

  const closeEditor = (stageId: Id | 'new') => {
    setEditing(null);
    setFocusKey(stageId === 'new' ? 'add' : `${stageId}:edit`);
  };

  const deletingStage = stages.find((stage) => stage.id === deleting);
  const closeDelete = () => {
    setFocusKey(`${deleting}:delete`);
    setDeleting(null);
  };
  const deleted = ({ stageName, movedDeals, targetName }: DeletedStage) => {
    setDeleting(null);
    setAnnouncement(
      targetName
        ? t('pipelines.delete.doneMoved', { stage: stageName, count: movedDeals, target: targetName })
        : t('pipelines.delete.done', { stage: stageName }),
    );
    setFocusKey('add');
  };

  return (
    <div className="stage-list">
      <h4 className="visually-hidden">{t('pipelines.stages.heading', { pipeline: pipeline.name })}</h4>
      <ol className="stages">
        {stages.map((stage, index) => (
          <li key={stage.id} className="stage" data-testid="stage" data-stage-id={stage.id}>
            <StageSummary stage={stage} dealCount={dealCounts ? (dealCounts[stage.id] ?? 0) : null} />
            <div className="actions stage-actions">
              <button
                type="button"
                ref={buttonRef(`${stage.id}:edit`)}
                aria-expanded={editing === stage.id}
                aria-label={t('pipelines.stage.editNamed', { stage: stage.name })}
                onClick={() => setEditing(editing === stage.id ? null : stage.id)}
              >
                {t('pipelines.stage.edit')}
              </button>
              <button
                type="button"
                ref={buttonRef(`${stage.id}:-1`)}
                aria-label={t('pipelines.stage.moveUp', { stage: stage.name })}
                disabled={!canMove(stages, index, -1)}
                onClick={() => move(index, -1)}
              >
                <span aria-hidden="true">↑</span>
              </button>
              <button
                type="button"
                ref={buttonRef(`${stage.id}:1`)}
                aria-label={t('pipelines.stage.moveDown', { stage: stage.name })}
                disabled={!canMove(stages, index, 1)}
                onClick={() => move(index, 1)}
              >
                <span aria-hidden="true">↓</span>
              </button>
              {stage.kind === 'open' && (
                <button
                  type="button"
                  ref={buttonRef(`${stage.id}:delete`)}
                  aria-label={t('pipelines.stage.deleteNamed', { stage: stage.name })}
                  onClick={() => setDeleting(stage.id)}
                >
                  {t('pipelines.stage.delete')}
                </button>
              )}
            </div>
            {editing === stage.id && (
              <EditStage pipeline={pipeline} stage={stage} onClose={() => closeEditor(stage.id)} />
            )}
          </li>
        ))}
      </ol>
      {(reorder.failure || Object.keys(reorder.errors).length > 0) && (
        <StatusMessage kind="error">
          {reorder.failure
            ? t('pipelines.saveFailed', { reason: reorder.failure.message })
            : t(Object.values(reorder.errors)[0] as MessageKey)}
        </StatusMessage>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {editing === 'new' ? (
        <AddStage pipeline={pipeline} onClose={() => closeEditor('new')} />
      ) : (
        <button type="button" ref={buttonRef('add')} onClick={() => setEditing('new')}>
          {t('pipelines.stage.add')}
        </button>
      )}
      {deletingStage && (
        <DeleteStageDialog
          pipeline={pipeline}
          stage={deletingStage}
          dealCount={dealCounts ? (dealCounts[deletingStage.id] ?? 0) : null}
          authorId={authorId}
          onClose={closeDelete}
          onDeleted={deleted}
        />
      )}
    </div>
  );
}

function StageSummary({ stage, dealCount }: { stage: Stage; dealCount: number | null }) {
  const { t } = useI18n();
  return (
    <div className="stage-summary">
      <span className="stage-name">{stage.name}</span>
      <span className={`stage-kind stage-kind-${stage.kind}`}>
        {t(`pipelines.kind.${stage.kind}` as MessageKey)}
      </span>
      <span>{t('pipelines.stage.probabilityValue', { probability: stage.probability })}</span>
      {stage.expectedDays !== null && (
        <span>{t('pipelines.stage.expectedDaysValue', { days: stage.expectedDays })}</span>
      )}
      {stage.staleAfterDays !== null && (
        <span>{t('pipelines.stage.staleAfterValue', { days: stage.staleAfterDays })}</span>
      )}
      {stage.checklist.length > 0 && (
        <span>{t('pipelines.stage.checklistCount', { count: stage.checklist.length })}</span>
      )}
      {dealCount !== null && (
        <span data-testid="stage-deal-count">{t('pipelines.stage.dealCount', { count: dealCount })}</span>
      )}
    </div>
  );
}

function EditStage({ pipeline, stage, onClose }: { pipeline: Pipeline; stage: Stage; onClose: () => void }) {
  const { t } = useI18n();
  const write = usePipelineWrite({
    write: (input: StageInput) => updateStage(openDatabase(), pipeline.id, stage.id, input),
    onDone: onClose,
  });
  return (
    <StageForm
      initial={stage}
      label={t('pipelines.stage.editNamed', { stage: stage.name })}
      submitLabel={t('pipelines.stage.save')}
      kindFixed={stage.kind !== 'open'}
      write={write}
      onCancel={onClose}
    />
  );
}

function AddStage({ pipeline, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const { t } = useI18n();
  const write = usePipelineWrite({
    write: (input: StageInput) => addStage(openDatabase(), pipeline.id, input),
    onDone: onClose,
  });
  return (
    <StageForm
      initial={NEW_STAGE}
      label={t('pipelines.stage.addTo', { pipeline: pipeline.name })}
      submitLabel={t('pipelines.stage.add')}
      kindFixed={false}
      write={write}
      onCancel={onClose}
    />
  );
}
