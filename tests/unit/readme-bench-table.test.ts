import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderBenchmarkTable, TABLE_END, TABLE_START, withBenchmarkTable } from '@/bench/readme-table';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const results = JSON.parse(readFileSync(path.join(ROOT, 'bench/results.json'), 'utf8'));

describe("the README's benchmark table", () => {
  it('is the one bench/results.json gives (run `npm run bench:table` after a benchmark run)', () => {
    expect(readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END) + TABLE_END.length)).toBe(
      renderBenchmarkTable(results),
    );
  });

  it('says a target is missed from the figure, not by hand', () => {
    const table = renderBenchmarkTable({ ...results, match_p95_ms: 1.5, board_render_5k_ms: 250 });
    expect(table).toMatch(/`match_p95_ms`[^\n]*\| ≤ 2 +\|/);
    expect(table).toMatch(/`board_render_5k_ms`[^\n]*\| ≤ 200 — missed \|/);
  });

  it('refuses results that lack a figure the table shows', () => {
    const { match_raw_idb_p95_ms: _dropped, ...incomplete } = results;
    expect(() => withBenchmarkTable(readme, incomplete)).toThrow('match_raw_idb_p95_ms');
  });
});
