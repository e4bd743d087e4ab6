import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type KeyboardEvent, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { searchQuery } from '@/lib/extension/queries/sidebar-queries';
import { useI18n } from '../I18nProvider';
import type { RecordRef } from './OpenedRecord';
import type { OpenRecord } from './RecordCards';
import { useDebouncedValue } from './useDebouncedValue';

const DEBOUNCE_MS = 150;

/**
 * Search across deals, contacts and companies. Keyboard: type, ↓ (or Tab) into the results, ↑/↓
 * between them, Enter opens one, Escape goes back to the box (and clears it from there).
 */
export function QuickSearch({
  onOpen,
  inputRef,
}: {
  onOpen: OpenRecord;
  inputRef: React.RefObject<HTMLInputElement | null>;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState('');
  const [resultsShown, setResultsShown] = useState(true);
  const debounced = useDebouncedValue(text, DEBOUNCE_MS);
  const results = useRef<HTMLDivElement>(null);
  const active = debounced.trim() !== '';
  const search = useQuery({
    ...searchQuery(openDatabase(), debounced),
    enabled: active,
    placeholderData: keepPreviousData,
  });
  const data = active ? search.data : undefined;
  const total = data ? data.deals.length + data.contacts.length + data.companies.length : 0;

  const resultButtons = () => [
    ...(results.current?.querySelectorAll<HTMLButtonElement>('button[data-result]') ?? []),
  ];

  const onInputKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setResultsShown(true);
      resultButtons()[0]?.focus();
    } else if (event.key === 'Escape') {
      setText('');
    } else if (event.key === 'Enter') {
      event.preventDefault();
      resultButtons()[0]?.click();
    }
  };

  const onResultsKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const buttons = resultButtons();
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    const move = (to: number) => {
      event.preventDefault();
      if (to < 0) inputRef.current?.focus();
      else buttons[Math.min(to, buttons.length - 1)]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(buttons.length - 1);
    else if (event.key === 'Escape') move(-1);
  };

  const open: OpenRecord = (record) => {
    setResultsShown(false);
    onOpen(record);
  };

  return (
    <search className="quick-search">
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('search.label')}
      </label>
      <input
        ref={inputRef}
        id={`${id}-input`}
        type="search"
        value={text}
        placeholder={t('search.placeholder')}
        autoComplete="off"
        aria-describedby={`${id}-status`}
        aria-controls={`${id}-results`}
        onChange={(event) => {
          setText(event.target.value);
          setResultsShown(true);
        }}
        onFocus={() => setResultsShown(true)}
        onKeyDown={onInputKey}
        data-testid="quick-search"
      />
      <p id={`${id}-status`} className="visually-hidden" role="status">
        {active && data ? t('search.resultCount', { count: total }) : ''}
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: arrow keys move between the result buttons inside */}
      <div
        id={`${id}-results`}
        ref={results}
        onKeyDown={onResultsKey}
        data-testid="search-results"
        hidden={!resultsShown || !active}
      >
        {active && search.isError && <p className="status status-error">{t('search.failed')}</p>}
        {active && data && total === 0 && <p className="help">{t('search.noResults')}</p>}
        <ResultGroup label={t('search.deals')} kind="deal" records={data?.deals} onOpen={open}>
          {(deal) => <bdi>{deal.title}</bdi>}
        </ResultGroup>
        <ResultGroup label={t('search.contacts')} kind="contact" records={data?.contacts} onOpen={open}>
          {(contact) => (
            <>
              <bdi>{contact.name}</bdi>
              {contact.emails[0] && <span className="result-detail">{contact.emails[0]}</span>}
            </>
          )}
        </ResultGroup>
        <ResultGroup label={t('search.companies')} kind="company" records={data?.companies} onOpen={open}>
          {(company) => (
            <>
              <bdi>{company.name}</bdi>
              {company.domains.length > 0 && (
                <span className="result-detail">{company.domains.join(', ')}</span>
              )}
            </>
          )}
        </ResultGroup>
      </div>
    </search>
  );
}

/** One kind of result, or nothing when there is none; each result is a button that opens its record. */
function ResultGroup<Found extends { id: string }>({
  label,
  kind,
  records,
  onOpen,
  children,
}: {
  label: string;
  kind: RecordRef['kind'];
  records: readonly Found[] | undefined;
  onOpen: OpenRecord;
  children: (record: Found) => React.ReactNode;
}) {
  const id = useId();
  if (!records?.length) return null;
  return (
    <div className="result-group">
      <h2 id={id} className="result-group-label">
        {label}
      </h2>
      <ul className="plain" aria-labelledby={id}>
        {records.map((record) => (
          <li key={record.id}>
            <button
              type="button"
              className="result"
              data-result={kind}
              onClick={() => onOpen({ kind, id: record.id })}
            >
              {children(record)}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
