import { memo, type PointerEvent, useId } from 'react';
import { formatMoney } from '@/lib/extension/i18n/translate';
import type { BoardCard } from '@/lib/extension/queries/board-queries';
import type { Settings } from '@/lib/shared/model';
import { useOwnerName } from '../deal/useOwnerName';
import { useI18n } from '../I18nProvider';
import { formatCalendarDate } from '../sidebar/format';

type BoardCardViewProps = {
  card: BoardCard;
  /** Its place in the column: arrow keys move focus by it. */
  index: number;
  settings: Settings;
  onOpen: (card: BoardCard) => void;
  onMove: (card: BoardCard) => void;
  onPointerDown: (card: BoardCard, event: PointerEvent<HTMLElement>) => void;
};

/**
 * A deal on the board: title (opens it), company, amount, expected close date, owner and flags,
 * and a Move button. A fixed height, so columns can render only the cards in view.
 */
export const BoardCardView = memo(function BoardCardView({
  card,
  index,
  settings,
  onOpen,
  onMove,
  onPointerDown,
}: BoardCardViewProps) {
  const { t, language } = useI18n();
  const titleId = useId();
  const { deal, companyName } = card;
  // As the sidebar's deal card says it.
  const owner = useOwnerName(settings)(deal.ownerId);
  const flags = [
    card.overdue && { key: 'overdue', className: 'flag flag-overdue', label: t('board.overdue'), icon: '⚠' },
    card.stale && { key: 'stale', className: 'flag flag-stale', label: t('board.stale'), icon: '◷' },
    card.noNextStep && {
      key: 'no-next-step',
      className: 'flag flag-no-step',
      label: t('board.noNextStep'),
      icon: '∅',
    },
  ].filter((flag) => flag !== false);

  return (
    <article
      className="board-card"
      aria-labelledby={titleId}
      data-testid="board-card"
      data-deal-id={deal.id}
      onPointerDown={(event) => onPointerDown(card, event)}
    >
      <h3 className="board-card-title">
        <button
          type="button"
          id={titleId}
          className="board-card-open"
          data-card-index={index}
          data-stage-id={deal.stageId}
          onClick={() => onOpen(card)}
        >
          <bdi>{deal.title}</bdi>
        </button>
      </h3>
      <p className="board-card-line muted">
        {companyName && <bdi data-testid="board-card-company">{companyName}</bdi>}
        {companyName && ' · '}
        <bdi data-testid="board-card-owner">{owner}</bdi>
      </p>
      <p className="board-card-line board-card-facts">
        <span data-testid="board-card-amount">{formatMoney(deal.amount, deal.currency, language)}</span>
        {deal.expectedCloseDate ? (
          <time dateTime={deal.expectedCloseDate} className={card.overdue ? 'overdue-date' : undefined}>
            {formatCalendarDate(deal.expectedCloseDate, language)}
          </time>
        ) : (
          <span className="muted">{t('board.noCloseDate')}</span>
        )}
      </p>
      <div className="board-card-foot">
        {flags.length > 0 ? (
          <ul className="board-flags" aria-label={t('board.flagsLabel')}>
            {flags.map((flag) => (
              <li key={flag.key} className={flag.className} data-testid={`flag-${flag.key}`}>
                <span aria-hidden="true">{flag.icon} </span>
                {flag.label}
              </li>
            ))}
          </ul>
        ) : (
          <span />
        )}
        <button
          type="button"
          className="board-card-move"
          aria-label={t('board.moveLabel', { title: deal.title })}
          onClick={() => onMove(card)}
          data-testid="board-move"
        >
          {t('board.move')}
        </button>
      </div>
    </article>
  );
});
