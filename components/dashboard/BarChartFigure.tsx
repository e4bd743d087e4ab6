import { useId } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

/** Fills told apart by pattern as well as colour, so print-outs and colour-blind readers can tell them apart. */
export type SeriesLook = 'solid' | 'stripes' | 'dots';

export type ChartSeries = { key: string; name: string; look: SeriesLook };

export type ChartPoint = { label: string } & Record<string, number | string>;

type BarChartFigureProps = {
  /** Says in words what the chart shows; the table beside it holds the numbers. */
  description: string;
  data: readonly ChartPoint[];
  series: readonly ChartSeries[];
  formatValue: (value: number) => string;
  /** A short form for the value axis (NT$20M); defaults to formatValue. */
  formatTick?: (value: number) => string;
  /** Bars running sideways, one category a row (the stage funnel). */
  horizontal?: boolean;
  testId?: string;
};

/**
 * A bar chart drawn with recharts. The chart is a picture for sighted readers (role="img" with a
 * description); its numbers are always in a data table next to it.
 */
export function BarChartFigure({
  description,
  data,
  series,
  formatValue,
  formatTick = formatValue,
  horizontal = false,
  testId,
}: BarChartFigureProps) {
  // useId gives characters that url(#…) references do not accept.
  const patternPrefix = `chart${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  const fillOf = (index: number) => `url(#${patternPrefix}-${index})`;
  const height = horizontal ? Math.max(160, data.length * 44 + 60) : 280;
  const categoryWidth = horizontal
    ? Math.min(180, Math.max(40, ...data.map((point) => labelWidth(point.label))))
    : 0;

  return (
    <div className="dashboard-chart" role="img" aria-label={description} data-testid={testId}>
      <ResponsiveContainer width="100%" height={height}>
        <BarChart
          data={[...data]}
          layout={horizontal ? 'vertical' : 'horizontal'}
          margin={{ top: 8, right: 16, bottom: 8, left: 8 }}
          accessibilityLayer={false}
        >
          <defs>
            {series.map((entry, index) => (
              <SeriesPattern
                key={entry.key}
                id={`${patternPrefix}-${index}`}
                look={entry.look}
                index={index}
              />
            ))}
          </defs>
          <CartesianGrid strokeDasharray="3 3" className="dashboard-chart-grid" />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={formatTick} />
              <YAxis type="category" dataKey="label" width={categoryWidth} />
            </>
          ) : (
            <>
              <XAxis dataKey="label" />
              <YAxis tickFormatter={formatTick} width={72} />
            </>
          )}
          <Tooltip
            formatter={(value) => (typeof value === 'number' ? formatValue(value) : String(value))}
            contentStyle={{ background: 'var(--bg)', borderColor: 'var(--border)', color: 'var(--fg)' }}
            itemStyle={{ color: 'var(--fg)' }}
            isAnimationActive={false}
          />
          {series.length > 1 && <Legend itemSorter={null} />}
          {series.map((entry, index) => (
            <Bar
              key={entry.key}
              dataKey={entry.key}
              name={entry.name}
              fill={fillOf(index)}
              className={`dashboard-series-${index}`}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Roughly how wide a category label draws at 12 px: CJK characters take about twice a Latin one. */
function labelWidth(label: string): number {
  let width = 12;
  for (const character of label) width += character.charCodeAt(0) > 0x2e80 ? 13 : 7;
  return width;
}

function SeriesPattern({ id, look, index }: { id: string; look: SeriesLook; index: number }) {
  const className = `dashboard-series-fill-${index}`;
  if (look === 'solid') {
    return (
      <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
        <rect width="8" height="8" className={className} />
      </pattern>
    );
  }
  if (look === 'stripes') {
    return (
      <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="8" height="8" className={`${className} dashboard-pattern-light`} />
        <rect width="3" height="8" className={className} />
      </pattern>
    );
  }
  return (
    <pattern id={id} width="8" height="8" patternUnits="userSpaceOnUse">
      <rect width="8" height="8" className={`${className} dashboard-pattern-light`} />
      <circle cx="4" cy="4" r="2.2" className={className} />
    </pattern>
  );
}
