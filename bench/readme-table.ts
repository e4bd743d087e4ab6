/**
 * The README's benchmark table, generated from bench/results.json so it cannot drift from the
 * figures: `npm run bench:table` rewrites it (bench/run.ts does after every run), and a unit test
 * fails when the README's copy differs from what the results give.
 */
export type BenchmarkResults = Record<string, number | string>;

type Row = {
  /** The headline metric, named as in results.json. */
  metric: string;
  what: string;
  figure: string;
  /** The same-run baseline, or null where there is none to measure. */
  baseline: string | null;
  target?: { at: 'most' | 'least'; value: number };
};

/** `{key}` is a figure from results.json; every key must be there. */
const ROWS: Row[] = [
  {
    metric: 'content_script_kb_gzip',
    what: 'largest content script',
    figure: '{content_script_kb_gzip} kB (all: {content_scripts_total_kb_gzip})',
    baseline: null,
    target: { at: 'most', value: 30 },
  },
  {
    metric: 'match_p95_ms',
    what: '10-address thread → ranked deals',
    figure: '{match_p95_ms} ms (p50 {match_p50_ms})',
    baseline: 'raw IndexedDB lookups {match_raw_idb_p95_ms} ms (p50 {match_raw_idb_p50_ms})',
    target: { at: 'most', value: 2 },
  },
  {
    metric: 'search_p95_ms',
    what: 'quick search',
    figure: '{search_p95_ms} ms (p50 {search_p50_ms})',
    baseline: 'full scan {search_full_scan_p50_ms} ms (p50)',
  },
  {
    metric: 'sidebar_ready_p95_ms',
    what: 'thread arrives → deal cards painted',
    figure: '{sidebar_ready_p95_ms} ms (p50 {sidebar_ready_p50_ms})',
    baseline: 'idle view {sidebar_idle_ready_p95_ms} ms',
    target: { at: 'most', value: 50 },
  },
  {
    metric: 'log_email_p95_ms',
    what: 'click Log email → activity committed',
    figure: '{log_email_p95_ms} ms (p50 {log_email_p50_ms})',
    baseline:
      'logEmails in the worker {log_email_call_p95_ms} ms (p50 {log_email_call_p50_ms}); raw IndexedDB {log_raw_idb_p95_ms} ms (p50 {log_raw_idb_p50_ms})',
    target: { at: 'most', value: 15 },
  },
  {
    metric: 'timeline_first_page_p95_ms',
    what: 'deal with 5,000 activities',
    figure: '{timeline_first_page_p95_ms} ms (p50 {timeline_first_page_p50_ms})',
    baseline: 'raw IndexedDB {timeline_raw_idb_p95_ms} ms (p50 {timeline_raw_idb_p50_ms})',
    target: { at: 'most', value: 30 },
  },
  {
    metric: 'db_bulk_put_10k_ms',
    what: '10,000 contacts in one write',
    figure: '{db_bulk_put_10k_ms} ms',
    baseline: 'raw IndexedDB {raw_idb_bulk_put_10k_ms} ms (ratio {db_vs_raw_bulk_put_10k_ratio})',
  },
  {
    metric: 'reminder_schedule_10k_ms',
    what: 'alarm rebuilt, 10,000 pending reminders, p95',
    figure: '{reminder_schedule_10k_p95_ms} ms (p50 {reminder_schedule_10k_p50_ms})',
    baseline:
      'database part {reminder_schedule_10k_db_p95_ms} ms (p50 {reminder_schedule_10k_db_p50_ms}); raw IndexedDB {reminder_schedule_10k_raw_idb_p95_ms} ms (p50 {reminder_schedule_10k_raw_idb_p50_ms})',
    target: { at: 'most', value: 100 },
  },
  {
    metric: 'board_render_5k_ms',
    what: 'open board → columns painted, median',
    figure: '{board_render_5k_ms} ms',
    baseline: 'raw IndexedDB read of the open deals and companies {board_raw_idb_5k_ms} ms',
    target: { at: 'most', value: 200 },
  },
  {
    metric: 'stage_change_p95_ms',
    what: 'deal + reminder + history',
    figure: '{stage_change_p95_ms} ms (p50 {stage_change_p50_ms})',
    baseline: 'raw IndexedDB {stage_change_raw_idb_p95_ms} ms (p50 {stage_change_raw_idb_p50_ms})',
    target: { at: 'most', value: 15 },
  },
  {
    metric: 'forecast_50k_ms',
    what: 'forecast + health + rep comparison, 50,000 deals, median',
    figure: '{forecast_50k_ms} ms',
    baseline: 'plain loop over the same arrays {forecast_50k_plain_loop_ms} ms',
    target: { at: 'most', value: 100 },
  },
  {
    metric: 'dashboard_render_ms',
    what: 'open → forecast and rep tables painted, 50k deals',
    figure: '{dashboard_render_ms} ms',
    baseline:
      'all sections {dashboard_complete_ms} ms; raw IndexedDB read of their data {dashboard_raw_idb_ms} ms',
    target: { at: 'most', value: 300 },
  },
  {
    metric: 'sync_pull_100k_s',
    what: 'new device pulls 100k records: HTTP → IndexedDB, PostgreSQL',
    figure: '{sync_pull_100k_s} s (min {sync_pull_100k_s_min})',
    baseline:
      'same rows written raw into IndexedDB {sync_pull_100k_raw_idb_s} s; HTTP alone {sync_pull_100k_http_only_s} s',
    target: { at: 'most', value: 10 },
  },
  {
    metric: 'sync_push_p95_ms',
    what: '50 clients of one team, back to back, PostgreSQL',
    figure: '{sync_push_p95_ms} ms (p50 {sync_push_p50_ms})',
    baseline:
      '/healthz {sync_push_healthz_p95_ms} ms (p50 {sync_push_healthz_p50_ms}); each once a second {sync_push_paced_p95_ms} ms; 10 teams {sync_push_10_teams_p95_ms} ms',
    target: { at: 'most', value: 50 },
  },
  {
    metric: 'sync_mutations_per_s',
    what: '8 clients, 50-mutation pushes, PostgreSQL',
    figure: '{sync_mutations_per_s} /s',
    baseline:
      'PGlite {sync_mutations_per_s_pglite} /s; plain upserts {sync_mutations_raw_sql_rows_per_s} rows/s (PGlite {sync_mutations_raw_sql_rows_per_s_pglite})',
    target: { at: 'least', value: 2_000 },
  },
];

export const TABLE_START =
  '<!-- bench-table:start (generated by `npm run bench:table` from bench/results.json) -->';
export const TABLE_END = '<!-- bench-table:end -->';

/** One decimal below 100, whole numbers above, thousands separated (8.6, 47.6, 5,679); ratios to 0.01. */
function formatFigure(value: number, key: string): string {
  if (key.endsWith('_ratio')) return value.toFixed(2);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });
}

function fill(template: string, results: BenchmarkResults): string {
  return template.replace(/\{(\w+)\}/g, (_match, key: string) => {
    const value = results[key];
    if (typeof value !== 'number') throw new Error(`bench/results.json has no figure "${key}"`);
    return formatFigure(value, key);
  });
}

function targetCell(row: Row, results: BenchmarkResults): string {
  if (!row.target) return '—';
  const value = results[row.metric];
  if (typeof value !== 'number') throw new Error(`bench/results.json has no figure "${row.metric}"`);
  const met = row.target.at === 'most' ? value <= row.target.value : value >= row.target.value;
  const sign = row.target.at === 'most' ? '≤' : '≥';
  return `${sign} ${row.target.value.toLocaleString('en-US')}${met ? '' : ' — missed'}`;
}

function markdownTable(header: string[], body: string[][]): string[] {
  const widths = header.map((cell, column) =>
    Math.max(cell.length, ...body.map((row) => row[column]?.length ?? 0)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | ')} |`;
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...body.map(line)];
}

/** The table and the line saying where and when it was measured, between the README's markers. */
export function renderBenchmarkTable(results: BenchmarkResults): string {
  const body = ROWS.map((row) => [
    `\`${row.metric}\` (${row.what})`,
    fill(row.figure, results),
    row.baseline === null ? '—' : fill(row.baseline, results),
    targetCell(row, results),
  ]);
  return [
    TABLE_START,
    ...markdownTable(['metric', 'figure', 'baseline in the same run', 'target'], body),
    '',
    `Measured on ${results.machine ?? 'an unnamed machine'}, ${String(results.date ?? 'undated').slice(0, 10)}.`,
    TABLE_END,
  ].join('\n');
}

/** The README with its generated table replaced; throws when the markers are missing. */
export function withBenchmarkTable(readme: string, results: BenchmarkResults): string {
  const start = readme.indexOf(TABLE_START);
  const end = readme.indexOf(TABLE_END);
  if (start === -1 || end < start) throw new Error('README.md has no benchmark table markers');
  return readme.slice(0, start) + renderBenchmarkTable(results) + readme.slice(end + TABLE_END.length);
}
