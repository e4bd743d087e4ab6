import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { openSidePanel } from '@/lib/extension/platform/toolbar-action';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { OpenedRecord, type RecordRef } from '../sidebar/OpenedRecord';
import { QuickSearch } from '../sidebar/QuickSearch';
import { DueReminders } from './DueReminders';
import '../sidebar/sidebar.css';
import './popup.css';

/**
 * The toolbar popup: search (a result opens right here, as in the sidebar), what is due now and
 * today with quick Done / Snooze, and the way to the side panel and the options page.
 */
export function Popup() {
  const { t } = useI18n();
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const [opened, setOpened] = useState<RecordRef | null>(null);
  const searchInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    document.title = t('popup.pageTitle');
  }, [t]);

  return (
    <main className="sidebar popup" aria-labelledby="popup-title" data-testid="popup">
      <header className="sidebar-header">
        <h1 id="popup-title">{t('app.name')}</h1>
        <PopupLinks />
      </header>
      <QuickSearch onOpen={setOpened} inputRef={searchInput} />
      {opened &&
        (settings.data ? (
          <OpenedRecord
            record={opened}
            settings={settings.data}
            mail={null}
            mailTabId={null}
            onOpen={setOpened}
            onClose={() => {
              setOpened(null);
              searchInput.current?.focus();
            }}
          />
        ) : settings.isError ? (
          <StatusMessage kind="error">{t('sidebar.loadError')}</StatusMessage>
        ) : (
          <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
        ))}
      <DueReminders />
    </main>
  );
}

/** True in the toolbar popup itself; false when popup.html is open in a tab (tests, bookmarks). */
function isToolbarPopup(): boolean {
  return browser.extension?.getViews?.({ type: 'popup' }).includes(window) ?? false;
}

function PopupLinks() {
  const { t } = useI18n();
  const [windowId, setWindowId] = useState<number | null>(null);
  const [panelFailed, setPanelFailed] = useState(false);

  useEffect(() => {
    let current = true;
    browser.windows
      .getCurrent()
      .then((found) => {
        if (current && found.id !== undefined) setWindowId(found.id);
      })
      .catch(() => {
        if (current) setPanelFailed(true);
      });
    return () => {
      current = false;
    };
  }, []);

  const showSidePanel = () => {
    if (windowId === null) return;
    setPanelFailed(false);
    // No await before this call: the browser opens the panel only while handling the click.
    openSidePanel(windowId).then(
      () => {
        if (isToolbarPopup()) window.close();
      },
      () => setPanelFailed(true),
    );
  };

  return (
    <>
      <nav aria-label={t('popup.linksLabel')} className="popup-links">
        <button
          type="button"
          className="link"
          onClick={showSidePanel}
          disabled={windowId === null}
          data-testid="open-side-panel"
        >
          {t('popup.openSidePanel')}
        </button>
        <a href={browser.runtime.getURL('/board.html')} target="_blank" rel="noreferrer">
          {t('board.link')}
        </a>
        <a href={browser.runtime.getURL('/dashboard.html')} target="_blank" rel="noreferrer">
          {t('dashboard.link')}
        </a>
        <a href={browser.runtime.getURL('/options.html')} target="_blank" rel="noreferrer">
          {t('popup.openOptions')}
        </a>
      </nav>
      {panelFailed && (
        <div className="popup-wide">
          <StatusMessage kind="error">{t('popup.sidePanelFailed')}</StatusMessage>
        </div>
      )}
    </>
  );
}
