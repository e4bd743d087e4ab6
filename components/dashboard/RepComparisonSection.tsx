import { useId, useMemo } from 'react';
import { compareReps } from '@/lib/extension/reports/rep-comparison';
import type { RepRow } from '@/lib/extension/reports/types';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { type Column, DataTable } from './DataTable';
import { periodLabel } from './period-labels';
import type { SectionProps } from './section-props';

const rowKey = (row: RepRow) => row.ownerId ?? 'team-average';

/** One row per owner, sortable by any column, with the team average underneath. Every owner shows, to compare. */
export function RepComparisonSection({ data, context, formats, ownerName, period }: SectionProps) {
  const { t, language } = useI18n();
  const headingId = useId();
  const result = useMemo(() => compareReps(data, context, period), [data, context, period]);
  const none = t('dashboard.none');
  const optional = (value: (row: RepRow) => number | null, format: (value: number) => string) => ({
    value,
    render: (row: RepRow) => {
      const shown = value(row);
      return shown === null ? none : format(shown);
    },
    numeric: true,
  });
  const columns: Column<RepRow>[] = [
    {
      key: 'owner',
      header: t('dashboard.owner'),
      value: (row) => (row.ownerId === null ? t('dashboard.reps.teamAverage') : ownerName(row.ownerId)),
    },
    {
      key: 'openCount',
      header: t('dashboard.reps.openCount'),
      ...optional((row) => row.openCount, formats.count),
    },
    {
      key: 'pipelineValue',
      header: t('dashboard.reps.pipelineValue'),
      ...optional((row) => row.pipelineValue, formats.money),
    },
    {
      key: 'weightedValue',
      header: t('dashboard.reps.weightedValue'),
      ...optional((row) => row.weightedValue, formats.money),
    },
    {
      key: 'wonValue',
      header: t('dashboard.reps.wonValue'),
      ...optional((row) => row.wonValue, formats.money),
    },
    {
      key: 'winRate',
      header: t('dashboard.reps.winRate'),
      ...optional((row) => row.winRate, formats.percent),
    },
    {
      key: 'averageDealSize',
      header: t('dashboard.reps.averageDealSize'),
      ...optional((row) => row.averageDealSize, formats.money),
    },
    {
      key: 'averageCycleDays',
      header: t('dashboard.reps.averageCycleDays'),
      ...optional((row) => row.averageCycleDays, formats.days),
    },
    {
      key: 'overdueCount',
      header: t('dashboard.reps.overdueCount'),
      ...optional((row) => row.overdueCount, formats.count),
    },
  ];

  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid="reps">
      <h2 id={headingId}>{t('dashboard.reps.heading', { period: periodLabel(period, language, t) })}</h2>
      {result.rows.length === 0 ? (
        <StatusMessage kind="empty">{t('dashboard.reps.none')}</StatusMessage>
      ) : (
        <>
          <p className="dashboard-note">{t('dashboard.reps.sortHint')}</p>
          <DataTable
            caption={t('dashboard.reps.caption')}
            columns={columns}
            rows={result.rows}
            footerRows={[result.teamAverage]}
            rowKey={rowKey}
            sortable
            exportName={`reps-${period}`}
            testId="reps-table"
          />
        </>
      )}
    </section>
  );
}
