/**
 * Runs the benchmarks against the built test extension in Chromium and writes bench/results.json
 * (a flat object: metric → number, plus `machine` and `date`). `npm run bench` builds first.
 *   npx tsx bench/run.ts [benchmark names…] [--runs 7]
 * Naming benchmarks runs only those and keeps the other figures already in results.json.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCHMARKS } from './benchmarks/index';
import { launchExtension } from './support/browser';
import { describeMachine } from './support/machine';
import type { Metrics } from './support/types';

const RESULTS_PATH = path.resolve(import.meta.dirname, 'results.json');

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string', default: '7' } },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1)
  throw new Error(`--runs must be a positive whole number, got "${values.runs}"`);
const unknown = positionals.filter((name) => !BENCHMARKS.some((benchmark) => benchmark.name === name));
if (unknown.length > 0) {
  throw new Error(
    `Unknown benchmark(s) ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`,
  );
}
const selected =
  positionals.length > 0
    ? BENCHMARKS.filter((benchmark) => positionals.includes(benchmark.name))
    : BENCHMARKS;

const session = await launchExtension();
const metrics: Metrics = {};
let failed = false;
let machine: string;
try {
  machine = await describeMachine(session.browser);
  console.log(`Machine: ${machine}\n`);
  for (const benchmark of selected) {
    console.log(`▶ ${benchmark.name}: ${benchmark.description} (${runs} runs)`);
    try {
      Object.assign(metrics, await benchmark.run({ ...session, runs }));
    } catch (error) {
      // One broken benchmark must not cost the figures of the others.
      failed = true;
      console.error(`✖ ${benchmark.name} failed:`, error);
    }
  }
} finally {
  await session.close();
}

const previous: Record<string, unknown> =
  positionals.length > 0 && existsSync(RESULTS_PATH) ? JSON.parse(readFileSync(RESULTS_PATH, 'utf8')) : {};
const results = { ...previous, ...metrics, machine, date: new Date().toISOString() };
await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);

const width = Math.max(...Object.keys(metrics).map((name) => name.length), 'metric'.length);
console.log(`\n${'metric'.padEnd(width)}  value`);
console.log(`${'-'.repeat(width)}  ${'-'.repeat(10)}`);
for (const [name, value] of Object.entries(metrics))
  console.log(`${name.padEnd(width)}  ${value.toFixed(2).padStart(10)}`);
console.log(`\nWrote ${path.relative(process.cwd(), RESULTS_PATH)}`);
if (failed) process.exitCode = 1;
