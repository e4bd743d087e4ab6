import { format, parseISO } from 'date-fns';
import { type PointerEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { dateLocaleFor, formatMoney } from '@/lib/extension/i18n/translate';
import type { BoardCard, BoardColumn, CurrencyTotal } from '@/lib/extension/queries/board-queries';
import type { Id, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { BoardCardView } from './BoardCardView';

/** Every card takes the same height, so the visible ones follow from the scroll position alone. */
export const CARD_SLOT_PX = 120;
/** Cards rendered above and below the visible ones, so fast scrolling and arrow keys find them ready. */
const OVERSCAN = 3;
/** Until the list is measured: a tall window's worth of cards. */
const INITIAL_VIEWPORT_PX = 900;

/** Focus the card at `index`, or the card of `dealId` once the column holds it (after a move). */
export type FocusRequest = { stageId: Id; index: number } | { stageId: Id; dealId: Id };

type BoardColumnViewProps = {
  column: BoardColumn;
  settings: Settings;
  focusRequest: FocusRequest | null;
  onFocusDone: () => void;
  dropTarget: boolean;
  onOpen: (card: BoardCard) => void;
  onMove: (card: BoardCard) => void;
  onPointerDown: (card: BoardCard, event: PointerEvent<HTMLElement>) => void;
};

/**
 * One stage: its name, count and totals, and its cards in a list that renders only the cards in
 * view (a column can hold thousands), plus the focused one so focus never falls out of the page.
 */
export function BoardColumnView({
  column,
  settings,
  focusRequest,
  onFocusDone,
  dropTarget,
  onOpen,
  onMove,
  onPointerDown,
}: BoardColumnViewProps) {
  const { t, language } = useI18n();
  const headingId = useId();
  const list = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(INITIAL_VIEWPORT_PX);
  const [focusedIndex, setFocusedIndex] = useState<number | null>(null);
  const { stage, cards, totals } = column;

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const requestedIndex =
    focusRequest === null
      ? null
      : 'dealId' in focusRequest
        ? cards.findIndex((card) => card.deal.id === focusRequest.dealId)
        : focusRequest.index;

  // A requested card is scrolled into view and rendered first, then focused.
  useLayoutEffect(() => {
    if (requestedIndex === null || requestedIndex < 0 || requestedIndex >= cards.length) return;
    const element = list.current;
    if (!element) return;
    const top = requestedIndex * CARD_SLOT_PX;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + CARD_SLOT_PX > element.scrollTop + element.clientHeight)
      element.scrollTop = top + CARD_SLOT_PX - element.clientHeight;
    setScrollTop(element.scrollTop);
    setFocusedIndex(requestedIndex);
    const button = element.querySelector<HTMLElement>(`[data-card-index="${requestedIndex}"]`);
    if (button) {
      button.focus();
      onFocusDone();
    }
  }, [requestedIndex, cards.length, onFocusDone]);

  const first = Math.max(0, Math.floor(scrollTop / CARD_SLOT_PX) - OVERSCAN);
  const last = Math.min(cards.length, Math.ceil((scrollTop + viewport) / CARD_SLOT_PX) + OVERSCAN);
  const shown: number[] = [];
  if (focusedIndex !== null && focusedIndex < first && focusedIndex < cards.length) shown.push(focusedIndex);
  for (let index = first; index < last; index++) shown.push(index);
  if (focusedIndex !== null && focusedIndex >= last && focusedIndex < cards.length) shown.push(focusedIndex);

  return (
    <section
      className={dropTarget ? 'board-column drop-target' : 'board-column'}
      aria-labelledby={headingId}
      data-testid="board-column"
      data-stage-id={stage.id}
      data-drop-stage={stage.id}
      data-count={cards.length}
    >
      <header className="board-column-head">
        <h2 id={headingId}>
          <bdi>{stage.name}</bdi>{' '}
          <span className="board-column-count" data-testid="column-count">
            {t('board.count', { count: cards.length })}
          </span>
        </h2>
        {column.closedMonth !== null && (
          <p className="board-column-note" data-testid="column-closed-month">
            {column.closedMonth === format(new Date(), 'yyyy-MM')
              ? t('board.closedThisMonth')
              : t('board.closedIn', {
                  month: format(parseISO(`${column.closedMonth}-01`), 'LLLL yyyy', {
                    locale: dateLocaleFor(language),
                  }),
                })}
          </p>
        )}
        <dl className="board-totals">
          <div>
            <dt>{t('board.total')}</dt>
            <dd data-testid="column-total">
              <Amounts totals={totals} pick="amount" />
            </dd>
          </div>
          <div>
            <dt>{t('board.weighted', { probability: stage.probability })}</dt>
            <dd data-testid="column-weighted">
              <Amounts totals={totals} pick="weighted" />
            </dd>
          </div>
        </dl>
      </header>
      <div
        ref={list}
        className="board-list"
        onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
        data-testid="column-list"
      >
        {cards.length === 0 ? (
          <p className="board-empty">{t('board.emptyColumn')}</p>
        ) : (
          <ul className="board-cards" style={{ height: cards.length * CARD_SLOT_PX }}>
            {shown.map((index) => {
              const card = cards[index] as BoardCard;
              return (
                <li
                  key={card.deal.id}
                  className="board-slot"
                  style={{ top: index * CARD_SLOT_PX }}
                  aria-setsize={cards.length}
                  aria-posinset={index + 1}
                  onFocus={() => setFocusedIndex(index)}
                >
                  <BoardCardView
                    card={card}
                    index={index}
                    settings={settings}
                    onOpen={onOpen}
                    onMove={onMove}
                    onPointerDown={onPointerDown}
                  />
                </li>
              );
            })}
          </ul>
        )}
      </div>
    </section>
  );
}

/** One line per currency: amounts in different currencies are never added up. */
function Amounts({ totals, pick }: { totals: readonly CurrencyTotal[]; pick: 'amount' | 'weighted' }) {
  const { language } = useI18n();
  if (totals.length === 0) return <span className="muted">—</span>;
  return (
    <>
      {totals.map((total) => (
        <span key={total.currency} className="board-amount" data-currency={total.currency}>
          {/* Weighted sums are a forecast: whole units, not fractions of a cent. */}
          {formatMoney(
            pick === 'weighted' ? Math.round(total.weighted) : total.amount,
            total.currency,
            language,
          )}
        </span>
      ))}
    </>
  );
}
