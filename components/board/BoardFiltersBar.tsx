import { useId } from 'react';
import {
  type BoardFilters,
  NO_FILTERS,
  OWNER_FILTERS,
  type OwnerFilter,
} from '@/lib/extension/queries/board-queries';
import type { Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';

type BoardFiltersBarProps = {
  pipelines: readonly Pipeline[];
  pipelineId: Id;
  onPipelineChange: (pipelineId: Id) => void;
  filters: BoardFilters;
  onFiltersChange: (filters: BoardFilters) => void;
};

/** The pipeline shown, and which of its deals: owner, overdue, stale, close month, search text. */
export function BoardFiltersBar({
  pipelines,
  pipelineId,
  onPipelineChange,
  filters,
  onFiltersChange,
}: BoardFiltersBarProps) {
  const { t } = useI18n();
  const id = useId();
  const change = (patch: Partial<BoardFilters>) => onFiltersChange({ ...filters, ...patch });
  const filtered =
    filters.owner !== NO_FILTERS.owner ||
    filters.overdueOnly ||
    filters.staleOnly ||
    filters.closeMonth !== null ||
    filters.search.trim() !== '';

  return (
    <search className="board-filters" aria-label={t('board.filtersLabel')}>
      <div className="board-filter">
        <label htmlFor={`${id}-pipeline`}>{t('board.pipeline')}</label>
        <select
          id={`${id}-pipeline`}
          value={pipelineId}
          onChange={(event) => onPipelineChange(event.target.value)}
          data-testid="board-pipeline"
        >
          {pipelines.map((pipeline) => (
            <option key={pipeline.id} value={pipeline.id}>
              {pipeline.archived ? t('board.archivedPipeline', { name: pipeline.name }) : pipeline.name}
            </option>
          ))}
        </select>
      </div>
      <div className="board-filter">
        <label htmlFor={`${id}-owner`}>{t('board.owner')}</label>
        <select
          id={`${id}-owner`}
          value={filters.owner}
          onChange={(event) => change({ owner: event.target.value as OwnerFilter })}
          data-testid="board-owner"
        >
          {OWNER_FILTERS.map((owner) => (
            <option key={owner} value={owner}>
              {t(owner === 'me' ? 'board.owner.me' : 'board.owner.everyone')}
            </option>
          ))}
        </select>
      </div>
      <div className="board-filter">
        <label htmlFor={`${id}-month`}>{t('board.closeMonth')}</label>
        <input
          id={`${id}-month`}
          type="month"
          value={filters.closeMonth ?? ''}
          onChange={(event) => change({ closeMonth: event.target.value || null })}
          aria-describedby={`${id}-month-help`}
          data-testid="board-close-month"
        />
        <span id={`${id}-month-help`} className="visually-hidden">
          {t('board.closeMonthHelp')}
        </span>
      </div>
      <div className="board-filter board-filter-search">
        <label htmlFor={`${id}-search`}>{t('board.search')}</label>
        <input
          id={`${id}-search`}
          type="search"
          value={filters.search}
          placeholder={t('board.searchPlaceholder')}
          onChange={(event) => change({ search: event.target.value })}
          data-testid="board-search"
        />
      </div>
      <div className="board-filter-toggles">
        <label className="board-toggle">
          <input
            type="checkbox"
            checked={filters.overdueOnly}
            onChange={(event) => change({ overdueOnly: event.target.checked })}
            data-testid="board-overdue-only"
          />
          {t('board.overdueOnly')}
        </label>
        <label className="board-toggle">
          <input
            type="checkbox"
            checked={filters.staleOnly}
            onChange={(event) => change({ staleOnly: event.target.checked })}
            data-testid="board-stale-only"
          />
          {t('board.staleOnly')}
        </label>
        {filtered && (
          <button type="button" className="link" onClick={() => onFiltersChange(NO_FILTERS)}>
            {t('board.clearFilters')}
          </button>
        )}
      </div>
    </search>
  );
}
