import { type ReactNode, useId, useState } from 'react';
import { downloadCsv, toCsv } from '@/lib/extension/reports/csv';
import { useI18n } from '../I18nProvider';

/** One column: its header, the value it sorts and exports by, and optionally how it shows. */
export type Column<Row> = {
  key: string;
  header: string;
  /** What sorting compares and the CSV holds; null sorts last and exports empty. */
  value: (row: Row) => string | number | null;
  /** How the cell shows; defaults to the value as text. */
  render?: (row: Row) => ReactNode;
  numeric?: boolean;
};

type SortState = { key: string; direction: 'ascending' | 'descending' } | null;

type DataTableProps<Row> = {
  caption: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Rows under the data that never sort (a team average). */
  footerRows?: readonly Row[];
  /** Column headers become sort buttons. */
  sortable?: boolean;
  /** The CSV file name, without extension. */
  exportName: string;
  testId?: string;
  /** A hidden caption: the table stands beside a chart that already carries the title. */
  captionHidden?: boolean;
};

function compareValues(left: string | number | null, right: string | number | null): number {
  if (left === right) return 0;
  if (left === null) return 1;
  if (right === null) return -1;
  if (typeof left === 'number' && typeof right === 'number') return left - right;
  return String(left).localeCompare(String(right));
}

/**
 * A data table with an "Export CSV" button; sortable tables sort by clicking (or Enter/Space on)
 * a column header, and say which column sorts them through aria-sort.
 */
export function DataTable<Row>({
  caption,
  columns,
  rows,
  rowKey,
  footerRows = [],
  sortable = false,
  exportName,
  testId,
  captionHidden = false,
}: DataTableProps<Row>) {
  const { t } = useI18n();
  const captionId = useId();
  const [sort, setSort] = useState<SortState>(null);
  const sortColumn = sort ? columns.find((column) => column.key === sort.key) : undefined;
  const shown =
    sort && sortColumn
      ? [...rows].sort((left, right) => {
          const order = compareValues(sortColumn.value(left), sortColumn.value(right));
          // Empty values stay last whichever way the column sorts.
          const leftEmpty = sortColumn.value(left) === null;
          const rightEmpty = sortColumn.value(right) === null;
          if (leftEmpty !== rightEmpty) return leftEmpty ? 1 : -1;
          return sort.direction === 'ascending' ? order : -order;
        })
      : rows;

  const toggleSort = (key: string) =>
    setSort((current) =>
      current?.key === key && current.direction === 'descending'
        ? { key, direction: 'ascending' }
        : { key, direction: 'descending' },
    );

  const exportRows = () =>
    downloadCsv(
      exportName,
      toCsv({
        header: columns.map((column) => column.header),
        rows: [...shown, ...footerRows].map((row) => columns.map((column) => column.value(row))),
      }),
    );

  const cell = (row: Row, column: Column<Row>) => column.render?.(row) ?? column.value(row) ?? '';
  // Body and footer rows alike: the first column heads its row.
  const tableRow = (row: Row) => (
    <tr key={rowKey(row)} data-row={rowKey(row)}>
      {columns.map((column, index) =>
        index === 0 ? (
          <th key={column.key} scope="row" data-column={column.key}>
            {cell(row, column)}
          </th>
        ) : (
          <td key={column.key} className={column.numeric ? 'numeric' : undefined} data-column={column.key}>
            {cell(row, column)}
          </td>
        ),
      )}
    </tr>
  );

  return (
    <div className="dashboard-table-block" data-testid={testId}>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table wider than a narrow window scrolls by keyboard only when its box takes focus */}
      <section className="dashboard-table-scroll" aria-labelledby={captionId} tabIndex={0}>
        <table className="dashboard-table" aria-labelledby={captionId}>
          <caption id={captionId} className={captionHidden ? 'visually-hidden' : undefined}>
            {caption}
          </caption>
          <thead>
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={column.numeric ? 'numeric' : undefined}
                  aria-sort={sortable ? (sort?.key === column.key ? sort.direction : 'none') : undefined}
                >
                  {sortable ? (
                    <button
                      type="button"
                      className="dashboard-sort"
                      onClick={() => toggleSort(column.key)}
                      data-testid={`sort-${column.key}`}
                    >
                      {column.header}
                      <span aria-hidden="true" className="dashboard-sort-mark">
                        {sort?.key === column.key ? (sort.direction === 'ascending' ? '▲' : '▼') : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{shown.map(tableRow)}</tbody>
          {footerRows.length > 0 && <tfoot>{footerRows.map(tableRow)}</tfoot>}
        </table>
      </section>
      <button type="button" className="dashboard-export" onClick={exportRows} data-testid="export-csv">
        {t('dashboard.exportCsv', { table: caption })}
      </button>
    </div>
  );
}
