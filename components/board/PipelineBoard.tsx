import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useCallback, useEffect, useId, useMemo, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import {
  type BoardCard,
  type BoardColumn,
  type BoardFilters,
  boardClosedMonth,
  boardDealsQuery,
  boardLastActivityQuery,
  buildBoard,
  staleCandidates,
} from '@/lib/extension/queries/board-queries';
import { userTimeZone } from '@/lib/extension/reminders/presets';
import type { Id, Pipeline, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { BoardColumnView, type FocusRequest } from './BoardColumnView';
import { DealDrawer } from './DealDrawer';
import { MoveFlow, type MoveOutcome, type MoveRequest } from './MoveFlow';
import { useCardDrag } from './useCardDrag';

type PipelineBoardProps = { pipeline: Pipeline; settings: Settings; filters: BoardFilters };

/** The columns of one pipeline, and everything done to its cards: open, move, drag. */
export function PipelineBoard({ pipeline, settings, filters }: PipelineBoardProps) {
  const { t } = useI18n();
  const database = openDatabase();
  const helpId = useId();
  const timeZone = userTimeZone();
  // Flags are judged against the moment the board opened; a reload judges again.
  const [openedAt] = useState(() => Date.now());
  const deals = useQuery(
    boardDealsQuery(database, pipeline.id, boardClosedMonth(filters.closeMonth, openedAt, timeZone)),
  );
  const candidates = useMemo(
    () => (deals.data ? staleCandidates(pipeline, deals.data, openedAt, timeZone) : []),
    [deals.data, pipeline, openedAt, timeZone],
  );
  // Thousands of index lookups would hold up the columns' first frame: they start once it is drawn.
  const [columnsDrawn, setColumnsDrawn] = useState(false);
  useEffect(() => {
    if (columnsDrawn || !deals.isSuccess) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setColumnsDrawn(true));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [columnsDrawn, deals.isSuccess]);
  const lastActivity = useQuery({
    ...boardLastActivityQuery(database, pipeline.id, deals.dataUpdatedAt, candidates, openedAt),
    enabled: deals.isSuccess && columnsDrawn,
    // After a write the deals are read again, and with them the last activities: the flags
    // already shown stay until the new ones are in.
    placeholderData: keepPreviousData,
  });
  const columns = useMemo(
    () =>
      deals.data
        ? buildBoard(pipeline, deals.data, filters, {
            userId: settings.user.id,
            now: openedAt,
            timeZone,
            lastActivity: lastActivity.data ?? null,
          })
        : null,
    [deals.data, pipeline, filters, settings.user.id, openedAt, timeZone, lastActivity.data],
  );

  const [announcement, setAnnouncement] = useState('');
  const [moveError, setMoveError] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [openDealId, setOpenDealId] = useState<Id | null>(null);
  const [move, setMove] = useState<MoveRequest | null>(null);
  const startMove = useCallback((card: BoardCard, toStageId: Id | null = null) => {
    setMoveError(null);
    setMove({ card, toStageId });
  }, []);
  const openCard = useCallback((card: BoardCard) => setOpenDealId(card.deal.id), []);
  const drag = useCardDrag({
    onDrop: startMove,
    announce: setAnnouncement,
    draggingMessage: (card) => t('board.dragging', { title: card.deal.title }),
    cancelledMessage: t('board.dragCancelled'),
  });
  const onFocusDone = useCallback(() => setFocusRequest(null), []);
  const finishMove = (outcome: MoveOutcome) => {
    setMove(null);
    setAnnouncement(outcome.message);
    if (outcome.failed) setMoveError(outcome.message);
    if (outcome.movedTo) setFocusRequest({ stageId: outcome.movedTo, dealId: outcome.card.deal.id });
  };

  if (deals.isError) return <StatusMessage kind="error">{t('board.loadError')}</StatusMessage>;
  if (!columns) return <StatusMessage kind="loading">{t('board.loading')}</StatusMessage>;

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-card-index]');
    if (!button) return;
    const stageIndex = columns.findIndex((column) => column.stage.id === button.dataset.stageId);
    const index = Number(button.dataset.cardIndex);
    const column = columns[stageIndex];
    const card = column?.cards[index];
    if (!column || !card) return;
    const request = keyboardTarget(columns, stageIndex, index, event.key);
    if (request) {
      event.preventDefault();
      setFocusRequest(request);
    } else if (event.key === 'm' || event.key === 'M') {
      event.preventDefault();
      startMove(card);
    }
  };

  return (
    <>
      <p id={helpId} className="board-help">
        {t('board.keyboardHelp')}
      </p>
      {lastActivity.isPending && candidates.length > 0 && (
        <p className="board-note" data-testid="board-checking">
          {t('board.checkingActivity')}
        </p>
      )}
      {moveError && <StatusMessage kind="error">{moveError}</StatusMessage>}
      <p className="visually-hidden" role="status" data-testid="board-announcement">
        {announcement}
      </p>
      {/* Arrow keys and M are handled here, once, for every card the columns render. */}
      <section
        className="board-columns"
        aria-label={t('board.columnsLabel', { pipeline: pipeline.name })}
        aria-describedby={helpId}
        onKeyDown={onKeyDown}
        data-testid="board-columns"
      >
        {columns.map((column) => (
          <BoardColumnView
            key={column.stage.id}
            column={column}
            settings={settings}
            focusRequest={focusRequest?.stageId === column.stage.id ? focusRequest : null}
            onFocusDone={onFocusDone}
            dropTarget={drag.overStageId === column.stage.id}
            onOpen={openCard}
            onMove={startMove}
            onPointerDown={drag.onPointerDown}
          />
        ))}
      </section>
      {drag.ghost}
      {move && <MoveFlow request={move} pipeline={pipeline} settings={settings} onDone={finishMove} />}
      {openDealId && (
        <DealDrawer dealId={openDealId} settings={settings} onClose={() => setOpenDealId(null)} />
      )}
    </>
  );
}

/** Where an arrow key, Home or End takes focus from a card; null for other keys. */
function keyboardTarget(
  columns: readonly BoardColumn[],
  stageIndex: number,
  index: number,
  key: string,
): FocusRequest | null {
  const column = columns[stageIndex];
  if (!column) return null;
  const last = column.cards.length - 1;
  switch (key) {
    case 'ArrowDown':
      return { stageId: column.stage.id, index: Math.min(last, index + 1) };
    case 'ArrowUp':
      return { stageId: column.stage.id, index: Math.max(0, index - 1) };
    case 'Home':
      return { stageId: column.stage.id, index: 0 };
    case 'End':
      return { stageId: column.stage.id, index: last };
    case 'ArrowLeft':
    case 'ArrowRight': {
      const step = key === 'ArrowRight' ? 1 : -1;
      // Empty columns have no card to land on: the next one with cards in that direction.
      for (let next = stageIndex + step; next >= 0 && next < columns.length; next += step) {
        const target = columns[next];
        if (target && target.cards.length > 0)
          return { stageId: target.stage.id, index: Math.min(index, target.cards.length - 1) };
      }
      return { stageId: column.stage.id, index };
    }
    default:
      return null;
  }
}
