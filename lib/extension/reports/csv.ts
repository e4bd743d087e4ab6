import Papa from 'papaparse';

/** One cell: numbers stay numbers, dates become ISO 8601, missing values become empty cells. */
export type CsvValue = string | number | boolean | Date | null | undefined;

export type CsvTable = {
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
};

/**
 * Excel on Windows reads a CSV without a byte order mark in the system's legacy code page
 * (Big5 on Traditional Chinese Windows, cp1252 elsewhere), which garbles Chinese names; the BOM
 * makes it read UTF-8. Other spreadsheets and parsers skip it.
 */
const UTF8_BOM = '\uFEFF';

/**
 * The OWASP CSV injection rule: a text cell starting with one of these is read by spreadsheets
 * as a formula (or, for tab and CR, can hide one). Papa Parse's own default pattern ends in `.*$`
 * without the s flag, so it misses a formula followed by a line break; this one only looks at
 * the first character. Numbers are exempt (Papa Parse skips them): -5 is a value, not a formula.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A table as RFC 4180 CSV for spreadsheets: UTF-8 with a BOM, CRLF line ends, quotes only where
 * needed, and text that could run as a formula prefixed with an apostrophe.
 */
export function toCsv(table: CsvTable): string {
  const rows = table.rows.map((row) => row.map(plainValue));
  const body = Papa.unparse(
    { fields: [...table.header], data: rows },
    { newline: '\r\n', escapeFormulae: FORMULA_START },
  );
  return UTF8_BOM + body;
}

function plainValue(value: CsvValue): CsvValue {
  // NaN and Infinity are no one's idea of a figure; an empty cell says "no value".
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  return value;
}

/**
 * How long the file's object URL stays alive after the click: revoking it at once can cancel
 * the download in Firefox, which starts reading the blob only after the click returns.
 */
const OBJECT_URL_LIFETIME_MS = 60_000;

/** Saves `csv` as a file from an extension page, through a temporary download link. */
export function downloadCsv(filename: string, csv: string): void {
  const blob = new Blob([csv], { type: 'text/csv;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename.toLowerCase().endsWith('.csv') ? filename : `${filename}.csv`;
  link.hidden = true;
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), OBJECT_URL_LIFETIME_MS);
  }
}
