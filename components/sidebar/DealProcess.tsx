import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { InvalidFormError } from '@/lib/extension/db/field-problems';
import type { Translate } from '@/lib/extension/i18n/translate';
import { calendarDateAt, calendarDaysBetween } from '@/lib/extension/pipeline/calendar-dates';
import { isOverdue, isStale } from '@/lib/extension/pipeline/deal-health';
import {
  type CloseDateExtension,
  changeStage,
  checklistToConfirm,
  extendCloseDate,
  markLost,
  markWon,
} from '@/lib/extension/pipeline/deal-updates';
import { lastActivityFromRecent, lastActivityQuery } from '@/lib/extension/queries/deal-activity-queries';
import { RECENT_ACTIVITY_COUNT } from '@/lib/extension/queries/sidebar-queries';
import { userTimeZone } from '@/lib/extension/reminders/presets';
import type { Activity, Deal, Id, Pipeline, Settings } from '@/lib/shared/model';
import { type ChecklistConfirmation, ChecklistPrompt } from '../deal/ChecklistPrompt';
import { LostReasonPrompt } from '../deal/LostReasonPrompt';
import { useI18n } from '../I18nProvider';
import { formatCalendarDate } from './format';
import { useNow } from './useNow';

type Write =
  | { kind: 'stage'; toStageId: Id; confirmation: ChecklistConfirmation }
  | { kind: 'won'; confirmation: ChecklistConfirmation }
  | { kind: 'lost'; reason: string }
  | { kind: 'extend'; by: CloseDateExtension };

type Prompt = { kind: 'checklist'; toStageId: Id; won: boolean } | { kind: 'lost' };

const NOTHING_ASKED: ChecklistConfirmation = { checkedItemIds: [], skippedItemIds: [] };

function writeDeal(dealId: Id, authorId: Id, write: Write): Promise<Deal> {
  const database = openDatabase();
  switch (write.kind) {
    case 'stage':
      return changeStage(database, {
        dealId,
        authorId,
        toStageId: write.toStageId,
        ...write.confirmation,
      }).then((result) => result.deal);
    case 'won':
      return markWon(database, { dealId, authorId, ...write.confirmation }).then((result) => result.deal);
    case 'lost':
      return markLost(database, { dealId, authorId }, write.reason).then((result) => result.deal);
    case 'extend':
      return extendCloseDate(database, dealId, write.by);
  }
}

/** A picked date the data layer refused is the field's fault; anything else is the deal changing underneath. */
function failureText(error: Error, t: Translate): string {
  if (!(error instanceof InvalidFormError)) return t('process.failed', { reason: error.message });
  if (error.problems.some((problem) => problem.field === 'deal.expectedCloseDate'))
    return t('process.error.pickDate');
  return t('process.failed', { reason: t('process.error.changed') });
}

/**
 * The deal's place in its sales process, editable: time in the stage, the overdue and stale flags
 * with their one-click fixes, and the stage itself (move, won, lost, reopen). A forward move asks
 * the leaving stage's open checklist items first; lost asks why.
 */
export function DealProcess({
  deal,
  pipeline,
  settings,
  activities,
}: {
  deal: Deal;
  pipeline: Pipeline | null;
  settings: Settings;
  /** The card's recent activities, newest first; the database is read only when they cannot tell. */
  activities: readonly Activity[];
}) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const now = useNow();
  const timeZone = userTimeZone();
  const today = calendarDateAt(now, timeZone);
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // Records stored before checklists existed have no list until they are next written.
  const checklistDone = deal.checklistDone ?? [];
  const stage = pipeline?.stages.find((candidate) => candidate.id === deal.stageId) ?? null;

  const recentAnswer = lastActivityFromRecent(activities, RECENT_ACTIVITY_COUNT, now);
  const lastQuery = useQuery({
    ...lastActivityQuery(openDatabase(), deal.id, now),
    enabled: recentAnswer === undefined && deal.status === 'open' && Boolean(stage?.staleAfterDays),
  });
  const lastActivity = recentAnswer === undefined ? (lastQuery.data ?? null) : recentAnswer;

  const write = useMutation({
    mutationFn: (request: Write) => writeDeal(deal.id, settings.user.id, request),
    onSuccess: async (saved, request) => {
      setPrompt(null);
      await queryClient.invalidateQueries();
      const entered = pipeline?.stages.find((candidate) => candidate.id === saved.stageId);
      setDone(
        request.kind === 'extend' && saved.expectedCloseDate
          ? t('process.overdue.moved', { date: formatCalendarDate(saved.expectedCloseDate, language) })
          : t('process.moved', { stage: entered?.name ?? '' }),
      );
    },
  });
  const failure = write.error ? failureText(write.error, t) : null;
  const pickFailed = write.variables?.kind === 'extend' && typeof write.variables.by === 'object';
  const status = useRef<HTMLDivElement>(null);

  // A fix that removes its own button (the overdue flag goes once the date moves) would drop focus
  // to the page: the outcome takes it instead, so keyboard users stay on the card.
  useEffect(() => {
    if (done && (document.activeElement === document.body || !document.activeElement))
      status.current?.focus();
  }, [done]);

  const request = (next: Write) => {
    // Buttons stay focusable while saving (a disabled button drops focus); a second click waits.
    if (write.isPending) return;
    setDone(null);
    write.reset();
    write.mutate(next);
  };
  /** Moves at once, or asks the checklist first when the move is forward and items are open. */
  const move = (toStageId: Id, won: boolean) => {
    if (!pipeline || write.isPending) return;
    setDone(null);
    write.reset();
    if (checklistToConfirm(pipeline, deal.stageId, toStageId, checklistDone).length > 0)
      setPrompt({ kind: 'checklist', toStageId, won });
    else
      request(
        won
          ? { kind: 'won', confirmation: NOTHING_ASKED }
          : { kind: 'stage', toStageId, confirmation: NOTHING_ASKED },
      );
  };
  const wonStage = pipeline?.stages.find((candidate) => candidate.kind === 'won');
  const markAsWon = wonStage ? () => move(wonStage.id, true) : null;
  const askLost = pipeline?.stages.some((candidate) => candidate.kind === 'lost')
    ? () => {
        if (write.isPending) return;
        setDone(null);
        write.reset();
        setPrompt({ kind: 'lost' });
      }
    : null;

  if (!pipeline) return null;
  const overdue = isOverdue(deal, today);
  const stale = stage !== null && isStale(deal, stage, lastActivity, now, timeZone);
  const quietDays = calendarDaysBetween(
    calendarDateAt(Math.max(lastActivity ?? deal.stageEnteredAt, deal.stageEnteredAt), timeZone),
    today,
  );

  return (
    <div className="deal-process" data-testid="deal-process">
      {deal.status === 'open' && stage && (
        <p className="process-time" data-testid="time-in-stage">
          {t('process.timeInStage', {
            stage: stage.name,
            days: Math.max(0, calendarDaysBetween(calendarDateAt(deal.stageEnteredAt, timeZone), today)),
          })}
        </p>
      )}
      {overdue && deal.expectedCloseDate && (
        <OverdueFlag
          closeDate={deal.expectedCloseDate}
          onExtend={(by) => request({ kind: 'extend', by })}
          onWon={markAsWon}
          onLost={askLost}
          pickError={pickFailed ? failure : null}
        />
      )}
      {stale && (
        <p className="flag flag-stale process-flag-line" data-testid="stale-flag">
          <span aria-hidden="true">◔ </span>
          {t('process.stale', { days: quietDays })}
        </p>
      )}
      {deal.closeDatePushes > 0 && (
        <p className="process-note" data-testid="close-pushes">
          {t('process.pushes', { count: deal.closeDatePushes })}
        </p>
      )}
      <StageControls
        deal={deal}
        pipeline={pipeline}
        onMove={(toStageId) => move(toStageId, false)}
        onWon={markAsWon}
        onLost={askLost}
      />
      {/* Always rendered, so the outcome is announced even though the controls re-render. */}
      <div role="status" className="process-status" data-testid="process-status" ref={status} tabIndex={-1}>
        {done && <p>{done}</p>}
        {failure && !prompt && !pickFailed && <p className="field-error">{failure}</p>}
      </div>
      {prompt?.kind === 'checklist' && (
        <ChecklistPrompt
          deal={{ stageId: deal.stageId, checklistDone }}
          pipeline={pipeline}
          toStageId={prompt.toStageId}
          busy={write.isPending}
          error={failure}
          onCancel={() => setPrompt(null)}
          onConfirm={(confirmation) =>
            request(
              prompt.won
                ? { kind: 'won', confirmation }
                : { kind: 'stage', toStageId: prompt.toStageId, confirmation },
            )
          }
        />
      )}
      {prompt?.kind === 'lost' && (
        <LostReasonPrompt
          dealTitle={deal.title}
          settings={settings}
          busy={write.isPending}
          error={failure}
          onCancel={() => setPrompt(null)}
          onConfirm={(reason) => request({ kind: 'lost', reason })}
        />
      )}
    </div>
  );
}

/** Open deals pick a stage and Move; won and lost deals pick the open stage to reopen in. */
function StageControls({
  deal,
  pipeline,
  onMove,
  onWon,
  onLost,
}: {
  deal: Deal;
  pipeline: Pipeline;
  onMove: (toStageId: Id) => void;
  onWon: (() => void) | null;
  onLost: (() => void) | null;
}) {
  const { t } = useI18n();
  const selectId = useId();
  const openStages = pipeline.stages.filter((candidate) => candidate.kind === 'open');
  const isOpen = deal.status === 'open';
  // A choice belongs to the stage it was made in: once the deal moves, the select shows where it is.
  const [choice, setChoice] = useState<{ from: Id; target: Id } | null>(null);
  const target =
    choice?.from === deal.stageId
      ? choice.target
      : isOpen
        ? deal.stageId
        : (openStages[openStages.length - 1]?.id ?? '');
  const canMove = target !== '' && target !== deal.stageId;
  return (
    <fieldset className="process-stage">
      <legend className="visually-hidden">{t('process.stage.controls')}</legend>
      <div className="process-stage-move">
        <label htmlFor={selectId}>{t(isOpen ? 'process.stage.label' : 'process.stage.reopenLabel')}</label>
        <select
          id={selectId}
          value={target}
          onChange={(event) => setChoice({ from: deal.stageId, target: event.target.value })}
          data-testid="stage-select"
        >
          {openStages.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          // aria-disabled keeps focus here after a move, when the select shows the new stage.
          aria-disabled={!canMove}
          onClick={() => canMove && onMove(target)}
          data-testid="stage-move"
        >
          {t(isOpen ? 'process.stage.move' : 'process.stage.reopen')}
        </button>
      </div>
      {isOpen && (onWon || onLost) && (
        <div className="process-close">
          {onWon && (
            <button type="button" className="process-won" onClick={onWon} data-testid="mark-won">
              {t('process.won')}
            </button>
          )}
          {onLost && (
            <button type="button" className="process-lost" onClick={onLost} data-testid="mark-lost">
              {t('process.lost')}
            </button>
          )}
        </div>
      )}
    </fieldset>
  );
}

/** "Overdue" with the fixes one click away: a week, a month, a picked day, or closing the deal. */
function OverdueFlag({
  closeDate,
  onExtend,
  onWon,
  onLost,
  pickError,
}: {
  closeDate: string;
  onExtend: (by: CloseDateExtension) => void;
  onWon: (() => void) | null;
  onLost: (() => void) | null;
  pickError: string | null;
}) {
  const { t, language } = useI18n();
  const dateId = useId();
  const pickerId = useId();
  const pickButton = useRef<HTMLButtonElement>(null);
  const [picking, setPicking] = useState(false);
  const [date, setDate] = useState('');
  const closePicker = () => {
    setPicking(false);
    pickButton.current?.focus();
  };
  const closeOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    closePicker();
  };
  return (
    <fieldset className="process-overdue" data-testid="overdue-flag">
      <legend className="flag flag-overdue process-flag-line">
        <span aria-hidden="true">⚠ </span>
        {t('process.overdue.flag', { date: formatCalendarDate(closeDate, language) })}
      </legend>
      <div className="process-actions">
        <button type="button" onClick={() => onExtend('week')} data-testid="extend-week">
          {t('process.overdue.week')}
        </button>
        <button type="button" onClick={() => onExtend('month')} data-testid="extend-month">
          {t('process.overdue.month')}
        </button>
        <button
          ref={pickButton}
          type="button"
          aria-expanded={picking}
          aria-controls={picking ? pickerId : undefined}
          onClick={() => (picking ? closePicker() : setPicking(true))}
          data-testid="extend-pick"
        >
          {t('process.overdue.pick')}
        </button>
        {onWon && (
          <button type="button" onClick={onWon} data-testid="overdue-won">
            {t('process.won')}
          </button>
        )}
        {onLost && (
          <button type="button" onClick={onLost} data-testid="overdue-lost">
            {t('process.lost')}
          </button>
        )}
      </div>
      {picking && (
        <form
          id={pickerId}
          className="process-pick"
          noValidate
          onKeyDown={closeOnEscape}
          onSubmit={(event) => {
            event.preventDefault();
            onExtend({ date });
          }}
        >
          <label htmlFor={dateId}>{t('process.overdue.date')}</label>
          <input
            id={dateId}
            type="date"
            value={date}
            // biome-ignore lint/a11y/noAutofocus: the rep just asked to pick a date
            autoFocus
            aria-invalid={Boolean(pickError)}
            aria-describedby={pickError ? `${dateId}-error` : undefined}
            onChange={(event) => setDate(event.target.value)}
            data-testid="extend-date"
          />
          <button type="submit" className="primary">
            {t('process.overdue.apply')}
          </button>
          {pickError && (
            <p id={`${dateId}-error`} className="field-error">
              {pickError}
            </p>
          )}
        </form>
      )}
    </fieldset>
  );
}
