import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../../..');

/** Folders holding committed TypeScript: each is one a newcomer should find in the layout table. */
function sourceFolders(): string[] {
  const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx'], { cwd: ROOT, encoding: 'utf8' }).split(
    '\n',
  );
  const folders = files.filter(Boolean).map((file) => path.posix.dirname(file));
  return [...new Set(folders)].filter((folder) => folder !== '.').sort();
}

describe('docs/architecture.md', () => {
  it('names every folder that holds code', () => {
    const architecture = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    expect(sourceFolders().filter((folder) => !architecture.includes(`\`${folder}/\``))).toEqual([]);
  });
});
