/**
 * Writes a large, valid backup for benchmarks and import tests (bench/data/, not committed):
 * `npx tsx scripts/large-data.ts --contacts 100000 --companies 20000 --deals 50000 --activities 200000`.
 * The JSON is streamed: the full default size is about 190 MB.
 */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { backupJsonChunks } from '../demo/data/backup-json';
import { parseInteger, parseNow } from '../demo/data/cli-flags';
import { generateLargeDataset } from '../demo/data/large-dataset';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    contacts: { type: 'string' },
    companies: { type: 'string' },
    deals: { type: 'string' },
    activities: { type: 'string' },
    reminders: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
    out: { type: 'string', default: 'bench/data/large-backup.json' },
  },
});

const started = performance.now();
const deals = parseInteger('deals', values.deals, 50_000);
const backup = generateLargeDataset({
  contacts: parseInteger('contacts', values.contacts, 100_000),
  companies: parseInteger('companies', values.companies, 20_000),
  deals,
  activities: parseInteger('activities', values.activities, 200_000),
  reminders: parseInteger('reminders', values.reminders, Math.floor(deals / 10)),
  seed: parseInteger('seed', values.seed, 1),
  now: parseNow(values.now),
});
const generated = performance.now();

const outPath = resolve(root, values.out);
await mkdir(dirname(outPath), { recursive: true });
await pipeline(backupJsonChunks(backup), createWriteStream(outPath));
const written = performance.now();

console.log(
  `Wrote ${relative(process.cwd(), outPath)}: ${backup.companies.length} companies, ${backup.contacts.length} contacts, ` +
    `${backup.deals.length} deals, ${backup.activities.length} activities, ${backup.reminders.length} reminders ` +
    `(generated in ${Math.round(generated - started)} ms, written in ${Math.round(written - generated)} ms).`,
);
