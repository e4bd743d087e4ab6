/**
 * Writes demo/dealside-demo-backup.json: a realistic CRM for a Taiwanese IoT vendor's rep, to
 * import from the options page. `npm run demo:data -- --seed 7 --now 2025-06-11` reproduces a file;
 * without --now the dates sit around today.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseInteger, parseNow } from '../demo/data/cli-flags';
import { DEFAULT_DEMO_SEED, generateDemoBackup } from '../demo/data/demo-backup';
import { validateBackup } from '../lib/extension/backup/validate-backup';

const root = resolve(import.meta.dirname, '..');
const { values } = parseArgs({
  options: {
    seed: { type: 'string' },
    now: { type: 'string' },
    out: { type: 'string', default: 'demo/dealside-demo-backup.json' },
  },
});

const backup = generateDemoBackup({
  seed: parseInteger('seed', values.seed, DEFAULT_DEMO_SEED),
  now: parseNow(values.now),
});
const text = `${JSON.stringify(backup, null, 2)}\n`;
const validation = validateBackup(text);
if (!validation.ok) {
  console.error('The generated demo backup is invalid:', validation.problems.slice(0, 10));
  process.exit(1);
}

const outPath = resolve(root, values.out);
await mkdir(dirname(outPath), { recursive: true });
await writeFile(outPath, text);
console.log(
  `Wrote ${relative(process.cwd(), outPath)}: ${backup.companies.length} companies, ${backup.contacts.length} contacts, ` +
    `${backup.deals.length} deals, ${backup.activities.length} activities, ${backup.reminders.length} reminders.`,
);
