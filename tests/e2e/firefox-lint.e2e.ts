import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { firefoxExtensionDir } from './support/builds';
import { REPO_ROOT } from './support/paths';

type LinterMessage = { code: string; message: string; description: string; file?: string; line?: number };
type LinterReport = {
  count: number;
  summary: { errors: number; warnings: number; notices: number };
  errors: LinterMessage[];
  warnings: LinterMessage[];
  notices: LinterMessage[];
};

const LINTER_BIN = path.join(REPO_ROOT, 'node_modules', 'addons-linter', 'bin', 'addons-linter');

function describeMessages(kind: string, messages: readonly LinterMessage[]): string {
  return messages
    .map((message) => {
      const where = message.file ? ` (${message.file}${message.line ? `:${message.line}` : ''})` : '';
      return `${kind} ${message.code}${where}: ${message.message} — ${message.description}`;
    })
    .join('\n');
}

/** Mozilla's own checks, as addons.mozilla.org runs them on upload. */
async function lintFirefoxBuild(): Promise<LinterReport> {
  // The linter exits non-zero when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [LINTER_BIN, '--output', 'json', '--boring', firefoxExtensionDir()],
    { maxBuffer: 64 * 1024 * 1024 },
  ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
  return JSON.parse(stdout) as LinterReport;
}

describe('the Firefox build', () => {
  it('passes addons-linter with no errors', async () => {
    const report = await lintFirefoxBuild();
    if (report.warnings.length + report.notices.length > 0) {
      console.warn(
        `addons-linter: ${report.summary.warnings} warning(s), ${report.summary.notices} notice(s)\n` +
          describeMessages('warning', report.warnings) +
          (report.notices.length ? `\n${describeMessages('notice', report.notices)}` : ''),
      );
    }
    expect(report.summary.errors, describeMessages('error', report.errors)).toBe(0);
  });

  it('asks only for storage and names its add-on id', () => {
    const manifest = JSON.parse(readFileSync(path.join(firefoxExtensionDir(), 'manifest.json'), 'utf8'));
    expect(manifest.manifest_version).toBe(2);
    expect(manifest.permissions ?? []).toEqual(['storage', 'alarms', 'notifications']);
    // Team sync's server origin, asked for at connect time (MV2 has no optional_host_permissions).
    expect(manifest.optional_permissions).toEqual([
      'https://*/*',
      'http://localhost/*',
      'http://127.0.0.1/*',
    ]);
    expect(manifest).not.toHaveProperty('key');
    expect(manifest.browser_specific_settings?.gecko?.id).toBe('dealside@dealside.app');
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
});
