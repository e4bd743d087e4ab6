import { useId, useMemo } from 'react';
import { stageConversion } from '@/lib/extension/reports/stage-conversion';
import type { StageConversionRow } from '@/lib/extension/reports/types';
import type { Id } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { BarChartFigure } from './BarChartFigure';
import { type Column, DataTable } from './DataTable';
import type { HistorySectionProps } from './section-props';

type Row = StageConversionRow & { name: string };

/**
 * One pipeline's stages as a funnel (how many deals entered each, how many went on) and a table:
 * conversion to the next stage, days spent against the stage's expected days, deals lost there.
 */
export function StageConversionSection({
  data,
  context,
  formats,
  owner,
  pipelineId,
}: HistorySectionProps & { pipelineId: Id | null }) {
  const { t } = useI18n();
  const headingId = useId();
  // With every pipeline chosen, the funnel shows the first active one: stages differ between pipelines.
  const live = data.pipelines.filter((candidate) => !candidate.deleted);
  const pipeline =
    live.find((candidate) => candidate.id === pipelineId) ??
    live.find((candidate) => !candidate.archived) ??
    live[0];
  const ownerData = useMemo(
    () => (owner === null ? data : { ...data, deals: data.deals.filter((deal) => deal.ownerId === owner) }),
    [data, owner],
  );
  const result = useMemo(
    () => (pipeline ? stageConversion(ownerData, context, pipeline.id) : null),
    [ownerData, context, pipeline],
  );
  if (!pipeline || !result) return null;

  const names = new Map(pipeline.stages.map((stage) => [stage.id, stage.name]));
  const rows: Row[] = result.stages.map((row) => ({ ...row, name: names.get(row.stageId) ?? row.stageId }));
  const none = t('dashboard.none');
  const optional = (value: (row: Row) => number | null, format: (value: number) => string) => ({
    value,
    render: (row: Row) => {
      const shown = value(row);
      return shown === null ? none : format(shown);
    },
    numeric: true,
  });
  const columns: Column<Row>[] = [
    { key: 'stage', header: t('dashboard.stages.stage'), value: (row) => row.name },
    {
      key: 'entered',
      header: t('dashboard.stages.entered'),
      ...optional((row) => row.entered, formats.count),
    },
    {
      key: 'advanced',
      header: t('dashboard.stages.advanced'),
      ...optional((row) => row.advanced, formats.count),
    },
    {
      key: 'conversion',
      header: t('dashboard.stages.conversion'),
      ...optional((row) => row.conversion, formats.percent),
    },
    {
      key: 'stillIn',
      header: t('dashboard.stages.stillIn'),
      ...optional((row) => row.stillIn, formats.count),
    },
    {
      key: 'averageDays',
      header: t('dashboard.stages.averageDays'),
      ...optional((row) => row.averageDays, formats.days),
    },
    {
      key: 'expectedDays',
      header: t('dashboard.stages.expectedDays'),
      ...optional((row) => row.expectedDays, formats.days),
    },
    {
      key: 'lostCount',
      header: t('dashboard.stages.lostCount'),
      ...optional((row) => row.lostCount, formats.count),
    },
  ];
  const title = t('dashboard.stages.funnel', { pipeline: pipeline.name });
  const anyEntered = rows.some((row) => row.entered > 0);

  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid="stages">
      <h2 id={headingId}>{t('dashboard.stages.heading')}</h2>
      {pipelineId === null && live.length > 1 && (
        <p className="dashboard-note">{t('dashboard.stages.whichPipeline', { pipeline: pipeline.name })}</p>
      )}
      {!anyEntered ? (
        <StatusMessage kind="empty">{t('dashboard.stages.none')}</StatusMessage>
      ) : (
        <>
          <h3>{title}</h3>
          <BarChartFigure
            description={t('dashboard.stages.chartDescription', { title })}
            data={rows.map((row) => ({ label: row.name, entered: row.entered, advanced: row.advanced }))}
            series={[
              { key: 'entered', name: t('dashboard.stages.entered'), look: 'solid' },
              { key: 'advanced', name: t('dashboard.stages.advanced'), look: 'stripes' },
            ]}
            formatValue={formats.count}
            horizontal
            testId="stages-chart"
          />
          <DataTable
            caption={title}
            columns={columns}
            rows={rows}
            rowKey={(row) => row.stageId}
            exportName="stage-conversion"
            testId="stages-table"
          />
          {result.lostFromUnknown.length > 0 && (
            <p className="dashboard-note">
              {t('dashboard.stages.lostUnknown', { count: result.lostFromUnknown.length })}
            </p>
          )}
        </>
      )}
    </section>
  );
}
