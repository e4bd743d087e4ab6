import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useLayoutEffect, useRef } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { dealDetailsQuery } from '@/lib/extension/queries/sidebar-queries';
import type { Id, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { DealCard } from '../sidebar/DealCard';
import '../sidebar/sidebar.css';

/**
 * One deal beside the board, in a modal side drawer: the sidebar's deal card with its timeline.
 * The rest of the page is inert while it is open; Escape closes it and focus goes back to the card.
 */
export function DealDrawer({
  dealId,
  settings,
  onClose,
}: {
  dealId: Id;
  settings: Settings;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const titleId = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const details = useQuery(dealDetailsQuery(openDatabase(), dealId));
  const loaded = details.data !== undefined;

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  // Once the deal is there, reading starts at its title.
  useEffect(() => {
    if (loaded) headingRef.current?.focus();
  }, [loaded]);

  return (
    <dialog
      ref={dialog}
      className="board-drawer"
      aria-labelledby={titleId}
      data-testid="deal-drawer"
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="sidebar board-drawer-body">
        <header className="board-drawer-head">
          <h2 id={titleId}>{t('board.dealHeading')}</h2>
          <button type="button" onClick={onClose} data-testid="drawer-close">
            {t('board.close')}
          </button>
        </header>
        {details.isError ? (
          <StatusMessage kind="error">{t('board.loadError')}</StatusMessage>
        ) : details.isPending ? (
          <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
        ) : details.data === null ? (
          <StatusMessage kind="empty">{t('board.dealGone')}</StatusMessage>
        ) : (
          <DealCard
            match={details.data}
            activities={details.data.activities}
            settings={settings}
            headingRef={headingRef}
          />
        )}
      </div>
    </dialog>
  );
}
