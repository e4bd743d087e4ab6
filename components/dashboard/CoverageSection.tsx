import { useId, useMemo } from 'react';
import { coverage } from '@/lib/extension/reports/coverage';
import type { CoverageRow } from '@/lib/extension/reports/types';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { type Column, DataTable } from './DataTable';
import { periodLabel } from './period-labels';
import type { SectionProps } from './section-props';

const rowKey = (row: CoverageRow) => row.ownerId ?? 'team';

/** Each owner's open pipeline against what is left of their quota, warning below the set ratios. */
export function CoverageSection({ data, context, formats, ownerName, owner, period }: SectionProps) {
  const { t, language } = useI18n();
  const headingId = useId();
  const result = useMemo(() => coverage(data, context, period), [data, context, period]);
  const rows = result.rows.filter((row) => owner === null || row.ownerId === owner);
  const nameOf = (row: CoverageRow) =>
    row.ownerId === null ? t('dashboard.owner.team') : ownerName(row.ownerId);
  const { weighted: minimumWeighted, unweighted: minimumUnweighted } = context.reporting.coverageWarning;
  const ratio = (value: number | null) =>
    value === null ? t('dashboard.coverage.reached') : formats.ratio(value);
  const money = (value: (row: CoverageRow) => number) => ({
    value,
    render: (row: CoverageRow) => formats.money(value(row)),
    numeric: true,
  });
  const columns: Column<CoverageRow>[] = [
    { key: 'owner', header: t('dashboard.owner'), value: nameOf },
    { key: 'quota', header: t('dashboard.coverage.quota'), ...money((row) => row.quota) },
    { key: 'won', header: t('dashboard.coverage.won'), ...money((row) => row.won) },
    {
      key: 'remaining',
      header: t('dashboard.coverage.remaining'),
      ...money((row) => Math.max(row.remaining, 0)),
    },
    { key: 'weighted', header: t('dashboard.coverage.weighted'), ...money((row) => row.weighted) },
    { key: 'pipeline', header: t('dashboard.coverage.pipeline'), ...money((row) => row.pipeline) },
    {
      key: 'weightedCoverage',
      header: t('dashboard.coverage.weightedCoverage'),
      value: (row) => row.weightedCoverage,
      render: (row) => ratio(row.weightedCoverage),
      numeric: true,
    },
    {
      key: 'unweightedCoverage',
      header: t('dashboard.coverage.unweightedCoverage'),
      value: (row) => row.unweightedCoverage,
      render: (row) => ratio(row.unweightedCoverage),
      numeric: true,
    },
    {
      key: 'status',
      header: t('dashboard.coverage.status'),
      value: (row) =>
        row.targetReached
          ? t('dashboard.coverage.reached')
          : row.warnings.length > 0
            ? t('dashboard.coverage.below')
            : t('dashboard.coverage.ok'),
    },
  ];

  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid="coverage">
      <h2 id={headingId}>{t('dashboard.coverage.heading', { period: periodLabel(period, language, t) })}</h2>
      <p className="dashboard-note">
        {t('dashboard.coverage.explain', {
          weighted: formats.ratio(minimumWeighted),
          unweighted: formats.ratio(minimumUnweighted),
        })}
      </p>
      {rows.length === 0 ? (
        <StatusMessage kind="empty">
          {t('dashboard.coverage.noQuotas')}{' '}
          <a href={browser.runtime.getURL('/options.html')}>{t('dashboard.settingsLink')}</a>
        </StatusMessage>
      ) : (
        <>
          <ul className="dashboard-warnings" data-testid="coverage-warnings">
            {rows
              .filter((row) => row.warnings.length > 0)
              .map((row) => (
                <li key={rowKey(row)} className="dashboard-warning">
                  {row.warnings
                    .map((kind) =>
                      t(
                        kind === 'weighted'
                          ? 'dashboard.coverage.warnWeighted'
                          : 'dashboard.coverage.warnUnweighted',
                        {
                          owner: nameOf(row),
                          value: ratio(kind === 'weighted' ? row.weightedCoverage : row.unweightedCoverage),
                          minimum: formats.ratio(kind === 'weighted' ? minimumWeighted : minimumUnweighted),
                        },
                      ),
                    )
                    .join(' ')}
                </li>
              ))}
          </ul>
          <DataTable
            caption={t('dashboard.coverage.caption')}
            columns={columns}
            rows={rows}
            rowKey={rowKey}
            exportName={`coverage-${period}`}
            testId="coverage-table"
          />
        </>
      )}
    </section>
  );
}
