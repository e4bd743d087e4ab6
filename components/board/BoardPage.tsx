import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import {
  type BoardFilters,
  boardClosedMonth,
  boardDealsQuery,
  NO_FILTERS,
} from '@/lib/extension/queries/board-queries';
import { pipelinesQuery } from '@/lib/extension/queries/pipeline-queries';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import type { Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { BoardFiltersBar } from './BoardFiltersBar';
import { PipelineBoard } from './PipelineBoard';
import './board.css';
import { userTimeZone } from '@/lib/extension/reminders/presets';

const PIPELINE_PARAMETER = 'pipeline';

/** The pipeline in the address (a bookmark, a link), else the oldest active one: where new deals go. */
function choosePipeline(pipelines: readonly Pipeline[], wanted: Id | null): Pipeline | null {
  return (
    pipelines.find((pipeline) => pipeline.id === wanted) ??
    pipelines.find((pipeline) => !pipeline.archived) ??
    pipelines[0] ??
    null
  );
}

/**
 * The pipeline board page: one pipeline's stages as columns of deal cards, with filters and
 * search; deals move by drag and drop or from the keyboard.
 */
export function BoardPage() {
  const { t } = useI18n();
  const database = openDatabase();
  const titleId = useId();
  const settings = useQuery(settingsQuery(database, navigator.language));
  const pipelines = useQuery(pipelinesQuery(database));
  const [wantedPipelineId, setWantedPipelineId] = useState<Id | null>(() =>
    new URLSearchParams(window.location.search).get(PIPELINE_PARAMETER),
  );
  const [filters, setFilters] = useState<BoardFilters>(NO_FILTERS);
  const pipeline = pipelines.data ? choosePipeline(pipelines.data, wantedPipelineId) : null;
  // A pipeline named in the address is read at once, beside the pipelines, not after them.
  useQuery({
    ...boardDealsQuery(database, wantedPipelineId ?? '', boardClosedMonth(null, Date.now(), userTimeZone())),
    enabled: wantedPipelineId !== null,
  });

  useEffect(() => {
    document.title = t('board.title');
  }, [t]);

  const choose = (pipelineId: Id) => {
    setWantedPipelineId(pipelineId);
    const url = new URL(window.location.href);
    url.searchParams.set(PIPELINE_PARAMETER, pipelineId);
    window.history.replaceState(null, '', url);
  };

  let content: React.ReactNode;
  if (pipelines.isError || settings.isError)
    content = <StatusMessage kind="error">{t('board.loadError')}</StatusMessage>;
  else if (!pipelines.data || !settings.data)
    content = <StatusMessage kind="loading">{t('board.loading')}</StatusMessage>;
  else if (!pipeline) content = <StatusMessage kind="empty">{t('board.noPipelines')}</StatusMessage>;
  else content = <PipelineBoard pipeline={pipeline} settings={settings.data} filters={filters} />;

  return (
    <main className="board-page" aria-labelledby={titleId} data-testid="board">
      <header className="board-header">
        <h1 id={titleId}>{t('board.title')}</h1>
        <a href={browser.runtime.getURL('/dashboard.html')}>{t('dashboard.link')}</a>
        {pipelines.data && pipeline && (
          <BoardFiltersBar
            pipelines={pipelines.data}
            pipelineId={pipeline.id}
            onPipelineChange={choose}
            filters={filters}
            onFiltersChange={setFilters}
          />
        )}
      </header>
      {content}
    </main>
  );
}
