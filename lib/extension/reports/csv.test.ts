// @vitest-environment happy-dom
import Papa from 'papaparse';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { downloadCsv, toCsv } from './csv';

const BOM = '\uFEFF';

function withoutBom(csv: string): string {
  expect(csv.startsWith(BOM)).toBe(true);
  return csv.slice(BOM.length);
}

describe('toCsv', () => {
  it('starts with a UTF-8 byte order mark and ends rows with CRLF', () => {
    const csv = toCsv({ header: ['Owner', 'Deals'], rows: [['Ann', 3]] });
    expect(csv).toBe(`${BOM}Owner,Deals\r\nAnn,3`);
  });

  it('keeps Chinese text as it is', () => {
    const csv = toCsv({ header: ['負責人', '金額'], rows: [['王小明', 1500000]] });
    expect(withoutBom(csv)).toBe('負責人,金額\r\n王小明,1500000');
    expect(new TextEncoder().encode(csv).slice(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it('quotes commas, quotes and line breaks, doubling inner quotes', () => {
    const csv = toCsv({
      header: ['Deal'],
      rows: [['Acme, Inc.'], ['The "big" one'], ['two\nlines'], ['carriage\r\nreturn']],
    });
    expect(withoutBom(csv)).toBe(
      'Deal\r\n"Acme, Inc."\r\n"The ""big"" one"\r\n"two\nlines"\r\n"carriage\r\nreturn"',
    );
  });

  it('reads back to the same cells', () => {
    const rows = [['台北, 信義區', 'say "hi"\nbye', '  padded  ', '']];
    const csv = toCsv({ header: ['a', 'b', 'c', 'd'], rows });
    const parsed = Papa.parse<string[]>(withoutBom(csv), { newline: '\r\n' });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data).toEqual([['a', 'b', 'c', 'd'], ...rows]);
  });

  it.each([
    ['=1+1', `"'=1+1"`],
    ['+886 2 1234 5678', `"'+886 2 1234 5678"`],
    ['-2+3', `"'-2+3"`],
    ['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
    ['\t=1+1', `"'\t=1+1"`],
    ['\r=1+1', `"'\r=1+1"`],
    ['=HYPERLINK("http://evil.example","click")', `"'=HYPERLINK(""http://evil.example"",""click"")"`],
    ["=cmd|'/C calc'!A0\nsecond line", `"'=cmd|'/C calc'!A0\nsecond line"`],
  ])('neutralises the formula %j', (text, cell) => {
    expect(withoutBom(toCsv({ header: ['x'], rows: [[text]] }))).toBe(`x\r\n${cell}`);
  });

  it('neutralises formulas in the header too', () => {
    expect(withoutBom(toCsv({ header: ['=1+1'], rows: [['a']] }))).toBe(`"'=1+1"\r\na`);
  });

  it('leaves text with a formula character later on alone', () => {
    expect(withoutBom(toCsv({ header: ['x'], rows: [['a=b'], ['ann@example.com']] }))).toBe(
      'x\r\na=b\r\nann@example.com',
    );
  });

  it('writes numbers as plain numbers, negative ones unescaped', () => {
    const csv = toCsv({ header: ['n'], rows: [[-1250.5], [0], [1234567.89], [0.3]] });
    expect(withoutBom(csv)).toBe('n\r\n-1250.5\r\n0\r\n1234567.89\r\n0.3');
  });

  it('leaves cells empty for missing values and non-finite numbers', () => {
    const csv = toCsv({ header: ['a', 'b', 'c', 'd'], rows: [[null, undefined, Number.NaN, Infinity]] });
    expect(withoutBom(csv)).toBe('a,b,c,d\r\n,,,');
  });

  it('writes dates as ISO 8601 in UTC', () => {
    const csv = toCsv({ header: ['at'], rows: [[new Date(Date.UTC(2026, 10, 26, 9, 30))]] });
    expect(withoutBom(csv)).toBe('at\r\n2026-11-26T09:30:00.000Z');
  });

  it('writes booleans as true and false', () => {
    expect(withoutBom(toCsv({ header: ['won'], rows: [[true], [false]] }))).toBe('won\r\ntrue\r\nfalse');
  });
});

describe('downloadCsv', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    vi.useRealTimers();
  });

  it('clicks a temporary download link to a CSV blob, then lets the URL go', async () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:csv-test';
    });
    const revoke = vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: { href: string; download: string; attached: boolean }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ href: this.href, download: this.download, attached: this.isConnected });
    });

    const csv = toCsv({ header: ['負責人'], rows: [['王小明']] });
    downloadCsv('forecast-2026-11', csv);

    expect(clicked).toEqual([{ href: 'blob:csv-test', download: 'forecast-2026-11.csv', attached: true }]);
    expect(document.querySelector('a[download]')).toBeNull();
    const [blob] = blobs;
    expect(blobs).toHaveLength(1);
    expect(blob?.type).toBe('text/csv;charset=utf-8');
    expect(new Uint8Array((await blob?.arrayBuffer()) ?? new ArrayBuffer(0))).toEqual(
      new TextEncoder().encode(csv),
    );
    expect(revoke).not.toHaveBeenCalled();
    vi.runAllTimers();
    expect(revoke).toHaveBeenCalledWith('blob:csv-test');
  });

  it('keeps a name that already ends in .csv', () => {
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:csv-test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    downloadCsv('Reps.CSV', 'x');
    expect(names).toEqual(['Reps.CSV']);
  });
});
