import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import { changeStage, checklistToConfirm, markLost, markWon } from '@/lib/extension/pipeline/deal-updates';
import { type BoardCard, type BoardDeal, boardDealsQueryPrefix } from '@/lib/extension/queries/board-queries';
import type { Id, Pipeline, Settings } from '@/lib/shared/model';
import { type ChecklistConfirmation, ChecklistPrompt } from '../deal/ChecklistPrompt';
import { LostReasonPrompt } from '../deal/LostReasonPrompt';
import { PromptDialog } from '../deal/PromptDialog';
import { useI18n } from '../I18nProvider';

/** A card to move: to a stage already chosen (dropped on a column), or to one the rep picks. */
export type MoveRequest = { card: BoardCard; toStageId: Id | null };

export type MoveOutcome = {
  card: BoardCard;
  /** The stage the deal is in now; null when it did not move. */
  movedTo: Id | null;
  message: string;
  failed: boolean;
};

type Step = { kind: 'pick' } | { kind: 'checklist' | 'lost' | 'direct'; toStageId: Id };

type MoveFlowProps = {
  request: MoveRequest;
  pipeline: Pipeline;
  settings: Settings;
  onDone: (outcome: MoveOutcome) => void;
};

/**
 * Moving one deal, as in the sidebar: pick the stage (unless it was dropped on one), then a forward
 * move asks the checklist of the stage being left (ChecklistPrompt) and a lost deal its reason
 * (LostReasonPrompt); other moves are written at once. Writes go through lib/extension/pipeline.
 */
export function MoveFlow({ request, pipeline, settings, onDone }: MoveFlowProps) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const { card } = request;
  const { deal } = card;
  const [step, setStep] = useState<Step>(() =>
    request.toStageId === null ? { kind: 'pick' } : stepFor(pipeline, card, request.toStageId),
  );
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);

  const commit = async (toStageId: Id, confirmation: ChecklistConfirmation, reason: string) => {
    const database = openDatabase();
    const target = pipeline.stages.find((stage) => stage.id === toStageId);
    setBusy(true);
    setError(null);
    try {
      const input = { dealId: deal.id, authorId: settings.user.id, ...confirmation };
      const result =
        target?.kind === 'won'
          ? await markWon(database, input)
          : target?.kind === 'lost'
            ? await markLost(database, input, reason)
            : await changeStage(database, { ...input, toStageId });
      // The board shows the stored deal at once; the reload (one pipeline query) follows.
      queryClient.setQueriesData(
        { queryKey: boardDealsQueryPrefix(pipeline.id) },
        (old: BoardDeal[] | undefined) =>
          old?.map((entry) => (entry.deal.id === deal.id ? { ...entry, deal: result.deal } : entry)),
      );
      void queryClient.invalidateQueries();
      onDone({
        card,
        movedTo: toStageId,
        message: t('board.moved', { title: deal.title, stage: target?.name ?? '' }),
        failed: false,
      });
    } catch (caught) {
      const message =
        caught instanceof InvalidFormError && caught.problems.some((problem) => problem.field === 'deal.id')
          ? t('board.dealGone')
          : t('board.moveFailedRetry', { title: deal.title });
      setBusy(false);
      if (step.kind === 'direct') onDone({ card, movedTo: null, message, failed: true });
      else setError(message);
    }
  };

  // A move that asks nothing is written as soon as the stage is known.
  useEffect(() => {
    if (step.kind !== 'direct' || started.current) return;
    started.current = true;
    void commit(step.toStageId, { checkedItemIds: [], skippedItemIds: [] }, '');
  });

  const cancel = () => onDone({ card, movedTo: null, message: '', failed: false });

  switch (step.kind) {
    case 'pick':
      return (
        <StagePicker
          card={card}
          pipeline={pipeline}
          onPick={(toStageId) => setStep(stepFor(pipeline, card, toStageId))}
          onCancel={cancel}
        />
      );
    case 'checklist':
      return (
        <ChecklistPrompt
          deal={deal}
          pipeline={pipeline}
          toStageId={step.toStageId}
          onConfirm={(confirmation) => void commit(step.toStageId, confirmation, '')}
          onCancel={cancel}
          busy={busy}
          error={error}
        />
      );
    case 'lost':
      return (
        <LostReasonPrompt
          dealTitle={deal.title}
          settings={settings}
          onConfirm={(reason) =>
            void commit(step.toStageId, { checkedItemIds: [], skippedItemIds: [] }, reason)
          }
          onCancel={cancel}
          busy={busy}
          error={error}
        />
      );
    default:
      return null;
  }
}

/** What moving to `toStageId` asks: a lost reason, the checklist of a forward move, or nothing. */
function stepFor(pipeline: Pipeline, card: BoardCard, toStageId: Id): Step {
  const target = pipeline.stages.find((stage) => stage.id === toStageId);
  if (target?.kind === 'lost') return { kind: 'lost', toStageId };
  const asked = checklistToConfirm(pipeline, card.deal.stageId, toStageId, card.deal.checklistDone);
  return { kind: asked.length > 0 ? 'checklist' : 'direct', toStageId };
}

/** "Move … to": every stage of the pipeline, the current one shown but not choosable. */
function StagePicker({
  card,
  pipeline,
  onPick,
  onCancel,
}: {
  card: BoardCard;
  pipeline: Pipeline;
  onPick: (toStageId: Id) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const name = useId();
  const currentIndex = pipeline.stages.findIndex((stage) => stage.id === card.deal.stageId);
  const [selected, setSelected] = useState<Id | null>(
    () =>
      pipeline.stages[currentIndex + 1]?.id ??
      pipeline.stages.find((_, index) => index !== currentIndex)?.id ??
      null,
  );
  return (
    <PromptDialog
      title={t('board.moveHeading', { title: card.deal.title })}
      testId="stage-picker"
      confirmLabel={t('board.move')}
      onConfirm={() => {
        if (selected) onPick(selected);
      }}
      onCancel={onCancel}
    >
      <fieldset className="deal-prompt-reasons board-stage-choices">
        <legend className="visually-hidden">{t('board.moveHeading', { title: card.deal.title })}</legend>
        {pipeline.stages.map((stage) => {
          const current = stage.id === card.deal.stageId;
          return (
            <label key={stage.id} className="deal-prompt-choice">
              <input
                type="radio"
                name={name}
                value={stage.id}
                checked={selected === stage.id}
                disabled={current}
                onChange={() => setSelected(stage.id)}
                data-testid="stage-choice"
              />
              <bdi>{current ? t('board.currentStage', { stage: stage.name }) : stage.name}</bdi>
            </label>
          );
        })}
      </fieldset>
    </PromptDialog>
  );
}
