/**
 * Rewrites the benchmark table in README.md from bench/results.json (`npm run bench:table`;
 * `npm run bench` runs it after writing the results).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withBenchmarkTable } from '../bench/readme-table';

const root = resolve(import.meta.dirname, '..');
const readmePath = resolve(root, 'README.md');
const results = JSON.parse(readFileSync(resolve(root, 'bench/results.json'), 'utf8'));
writeFileSync(readmePath, withBenchmarkTable(readFileSync(readmePath, 'utf8'), results));
