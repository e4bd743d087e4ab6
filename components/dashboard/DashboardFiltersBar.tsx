import { useId } from 'react';
import type { Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import type { OwnerName } from './owner-names';
import { type PeriodChoice, PeriodPicker } from './PeriodPicker';

/** The owner filter's value for the whole team. */
export const TEAM = '';

export type DashboardFilters = {
  period: PeriodChoice;
  /** TEAM or one owner's user id. */
  ownerId: Id;
  /** null: every pipeline. */
  pipelineId: Id | null;
};

type DashboardFiltersBarProps = {
  filters: DashboardFilters;
  onChange: (filters: DashboardFilters) => void;
  ownerIds: readonly Id[];
  ownerName: OwnerName;
  pipelines: readonly Pipeline[];
  currentMonth: string;
};

export function DashboardFiltersBar({
  filters,
  onChange,
  ownerIds,
  ownerName,
  pipelines,
  currentMonth,
}: DashboardFiltersBarProps) {
  const { t } = useI18n();
  const id = useId();
  const change = (patch: Partial<DashboardFilters>) => onChange({ ...filters, ...patch });

  return (
    <search className="dashboard-filters" aria-label={t('dashboard.filtersLabel')}>
      <PeriodPicker
        value={filters.period}
        onChange={(period) => change({ period })}
        currentMonth={currentMonth}
      />
      <div className="dashboard-filter">
        <label htmlFor={`${id}-owner`}>{t('dashboard.owner')}</label>
        <select
          id={`${id}-owner`}
          value={filters.ownerId}
          onChange={(event) => change({ ownerId: event.target.value })}
          data-testid="dashboard-owner"
        >
          <option value={TEAM}>{t('dashboard.owner.team')}</option>
          {ownerIds.map((ownerId) => (
            <option key={ownerId} value={ownerId}>
              {ownerName(ownerId)}
            </option>
          ))}
        </select>
      </div>
      <div className="dashboard-filter">
        <label htmlFor={`${id}-pipeline`}>{t('dashboard.pipeline')}</label>
        <select
          id={`${id}-pipeline`}
          value={filters.pipelineId ?? ''}
          onChange={(event) => change({ pipelineId: event.target.value || null })}
          data-testid="dashboard-pipeline"
        >
          <option value="">{t('dashboard.pipeline.all')}</option>
          {pipelines.map((pipeline) => (
            <option key={pipeline.id} value={pipeline.id}>
              {pipeline.archived ? t('board.archivedPipeline', { name: pipeline.name }) : pipeline.name}
            </option>
          ))}
        </select>
      </div>
    </search>
  );
}
