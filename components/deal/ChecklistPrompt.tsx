import { useId, useRef, useState } from 'react';
import { checklistToConfirm } from '@/lib/extension/pipeline/deal-updates';
import type { Deal, Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { PromptDialog } from './PromptDialog';

export type ChecklistConfirmation = { checkedItemIds: Id[]; skippedItemIds: Id[] };

type Choice = 'done' | 'skip';

/**
 * Asked when a deal moves forward: each item of the stage being left that is not done yet must be
 * marked Done or Skip (nothing is preselected, so a skip is always the rep's choice), or all done
 * at once. Presentational: the caller writes the move with the ids handed to `onConfirm`
 * (changeStage or markWon) and renders the prompt only while the move is pending.
 */
export function ChecklistPrompt({
  deal,
  pipeline,
  toStageId,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
}: {
  deal: Pick<Deal, 'stageId' | 'checklistDone'>;
  pipeline: Pipeline;
  toStageId: Id;
  onConfirm: (confirmation: ChecklistConfirmation) => void;
  onCancel: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  const { t } = useI18n();
  const nameBase = useId();
  // Asked once, when the prompt opens: the deal refreshing underneath (after the move is written,
  // before the caller closes the prompt) must not change the question.
  const [items] = useState(() => checklistToConfirm(pipeline, deal.stageId, toStageId, deal.checklistDone));
  const [choices, setChoices] = useState<Partial<Record<Id, Choice>>>({});
  const [showMissing, setShowMissing] = useState(false);
  const list = useRef<HTMLDivElement>(null);
  const [leaving] = useState(() => pipeline.stages.find((stage) => stage.id === deal.stageId));
  const entering = pipeline.stages.find((stage) => stage.id === toStageId);
  const missing = items.filter((item) => choices[item.id] === undefined);

  const confirm = () => {
    if (missing.length > 0) {
      setShowMissing(true);
      list.current
        ?.querySelector<HTMLInputElement>(`[data-item-id="${CSS.escape(missing[0]?.id ?? '')}"] input`)
        ?.focus();
      return;
    }
    onConfirm({
      checkedItemIds: items.filter((item) => choices[item.id] === 'done').map((item) => item.id),
      skippedItemIds: items.filter((item) => choices[item.id] === 'skip').map((item) => item.id),
    });
  };

  return (
    <PromptDialog
      title={t('process.checklist.title', { stage: entering?.name ?? '' })}
      testId="checklist-prompt"
      confirmLabel={t('process.prompt.confirm')}
      onConfirm={confirm}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      {items.length === 0 ? (
        <p className="deal-prompt-text">{t('process.checklist.nothing')}</p>
      ) : (
        <>
          <p className="deal-prompt-text">{t('process.checklist.intro', { stage: leaving?.name ?? '' })}</p>
          <button
            type="button"
            className="deal-prompt-all"
            data-testid="checklist-mark-all"
            onClick={() => setChoices(Object.fromEntries(items.map((item) => [item.id, 'done'])))}
          >
            {t('process.checklist.markAllDone')}
          </button>
          <div ref={list} className="deal-prompt-items">
            {items.map((item) => {
              const choice = choices[item.id];
              const isMissing = showMissing && choice === undefined;
              const errorId = `${nameBase}-${item.id}-error`;
              return (
                <fieldset
                  key={item.id}
                  className="deal-prompt-item"
                  data-testid="checklist-item"
                  data-item-id={item.id}
                  aria-invalid={isMissing || undefined}
                  aria-describedby={isMissing ? errorId : undefined}
                >
                  <legend>
                    <bdi>{item.label}</bdi>
                  </legend>
                  <div className="deal-prompt-choices">
                    {(['done', 'skip'] as const).map((option) => (
                      <label key={option} className="deal-prompt-choice">
                        <input
                          type="radio"
                          name={`${nameBase}-${item.id}`}
                          value={option}
                          checked={choice === option}
                          onChange={() => setChoices((previous) => ({ ...previous, [item.id]: option }))}
                          data-testid={`checklist-${option}`}
                        />
                        {t(option === 'done' ? 'process.checklist.done' : 'process.checklist.skip')}
                      </label>
                    ))}
                  </div>
                  {isMissing && (
                    <p id={errorId} className="deal-prompt-error">
                      {t('process.checklist.choose')}
                    </p>
                  )}
                </fieldset>
              );
            })}
          </div>
          {showMissing && missing.length > 0 && (
            <p className="deal-prompt-error" role="alert" data-testid="checklist-unanswered">
              {t('process.checklist.unanswered', { count: missing.length })}
            </p>
          )}
        </>
      )}
    </PromptDialog>
  );
}
