import { useId, useMemo, useState } from 'react';
import { emptyForecastCell, forecast } from '@/lib/extension/reports/forecast';
import type { ForecastCell, PeriodKind } from '@/lib/extension/reports/types';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { BarChartFigure, type ChartSeries } from './BarChartFigure';
import { type Column, DataTable } from './DataTable';
import { periodLabel, startingPeriod } from './period-labels';
import { RatesNote } from './RatesNote';
import type { SectionProps } from './section-props';

type Scenario = 'bestCase' | 'commit';

/** How many periods the table and chart show, from the chosen one on. */
const SHOWN_PERIODS: Record<PeriodKind, number> = { month: 6, quarter: 4 };

type Row = { key: string; label: string; cell: ForecastCell };

/** The weighted forecast by month or quarter, beside actual won and the unweighted pipeline. */
export function ForecastSection({ data, context, formats, owner, period }: SectionProps) {
  const { t, language } = useI18n();
  const headingId = useId();
  const [kind, setKind] = useState<PeriodKind>('month');
  const [scenario, setScenario] = useState<Scenario>('bestCase');
  const result = useMemo(() => forecast(data, context, kind), [data, context, kind]);

  const cellOf = (row: { team: ForecastCell; byOwner: Record<string, ForecastCell> }) =>
    owner === null ? row.team : (row.byOwner[owner] ?? emptyForecastCell());
  const start = startingPeriod(period, kind);
  const rows: Row[] = result.periods
    .filter((row) => row.period >= start)
    .slice(0, SHOWN_PERIODS[kind])
    .map((row) => ({ key: row.period, label: periodLabel(row.period, language, t), cell: cellOf(row) }));
  const noCloseDate: Row = {
    key: 'no-close-date',
    label: t('dashboard.forecast.noCloseDate'),
    cell: cellOf(result.noCloseDate),
  };

  const pipelineOf = (cell: ForecastCell) => (scenario === 'commit' ? cell.commitPipeline : cell.pipeline);
  const totalOf = (cell: ForecastCell) => (scenario === 'commit' ? cell.commit : cell.bestCase);
  const pipelineHeader = t(
    scenario === 'commit' ? 'dashboard.forecast.commitPipeline' : 'dashboard.forecast.pipeline',
  );
  const totalHeader = t(scenario === 'commit' ? 'dashboard.forecast.commit' : 'dashboard.forecast.bestCase');
  const money = (value: (cell: ForecastCell) => number) => ({
    value: (row: Row) => value(row.cell),
    render: (row: Row) => formats.money(value(row.cell)),
    numeric: true,
  });
  const columns: Column<Row>[] = [
    { key: 'period', header: t('dashboard.forecast.period'), value: (row) => row.label },
    { key: 'weighted', header: t('dashboard.forecast.weighted'), ...money((cell) => cell.weighted) },
    { key: 'won', header: t('dashboard.forecast.won'), ...money((cell) => cell.won) },
    { key: 'pipeline', header: pipelineHeader, ...money(pipelineOf) },
    { key: 'total', header: totalHeader, ...money(totalOf) },
    {
      key: 'openCount',
      header: t('dashboard.forecast.openCount'),
      value: (row) => row.cell.openCount,
      render: (row) => formats.count(row.cell.openCount),
      numeric: true,
    },
  ];
  const series: ChartSeries[] = [
    { key: 'weighted', name: t('dashboard.forecast.weighted'), look: 'solid' },
    { key: 'won', name: t('dashboard.forecast.won'), look: 'dots' },
    { key: 'pipeline', name: pipelineHeader, look: 'stripes' },
  ];
  const title = t(kind === 'month' ? 'dashboard.forecast.byMonth' : 'dashboard.forecast.byQuarter');

  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid="forecast">
      <h2 id={headingId}>{t('dashboard.forecast.heading')}</h2>
      <div className="dashboard-toggles">
        <Choice
          legend={t('dashboard.forecast.by')}
          name="forecast-kind"
          value={kind}
          onChange={setKind}
          options={[
            ['month', t('dashboard.forecast.month')],
            ['quarter', t('dashboard.forecast.quarter')],
          ]}
        />
        <Choice
          legend={t('dashboard.forecast.view')}
          name="forecast-scenario"
          value={scenario}
          onChange={setScenario}
          options={[
            ['bestCase', t('dashboard.forecast.bestCase')],
            [
              'commit',
              t('dashboard.forecast.commitAt', { probability: context.reporting.commitProbability }),
            ],
          ]}
        />
      </div>
      <RatesNote context={context} data={data} unconverted={result.unconverted} />
      {rows.length === 0 ? (
        <StatusMessage kind="empty">{t('dashboard.forecast.none')}</StatusMessage>
      ) : (
        <>
          <h3>{title}</h3>
          <BarChartFigure
            description={t('dashboard.forecast.chartDescription', { title })}
            data={rows.map((row) => ({
              label: row.label,
              weighted: row.cell.weighted,
              won: row.cell.won,
              pipeline: pipelineOf(row.cell),
            }))}
            series={series}
            formatValue={formats.money}
            formatTick={formats.compactMoney}
            testId="forecast-chart"
          />
        </>
      )}
      <DataTable
        caption={title}
        columns={columns}
        rows={rows}
        footerRows={noCloseDate.cell.openCount > 0 ? [noCloseDate] : []}
        rowKey={(row) => row.key}
        exportName={`forecast-${kind}`}
        testId="forecast-table"
      />
    </section>
  );
}

function Choice<Value extends string>({
  legend,
  name,
  value,
  onChange,
  options,
}: {
  legend: string;
  name: string;
  value: Value;
  onChange: (value: Value) => void;
  options: readonly (readonly [Value, string])[];
}) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {options.map(([option, label]) => (
        <label key={option}>
          <input
            type="radio"
            name={name}
            value={option}
            checked={value === option}
            onChange={() => onChange(option)}
            data-testid={`${name}-${option}`}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}
