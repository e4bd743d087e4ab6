import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Where the builds land. `wxt build --mode test` writes to `chrome-mv3-test` (WXT appends the mode
 * to the folder name), not `chrome-mv3`: only this build carries the fixed key and the
 * `dealsideTest` hook. Tests load copies of these (see global-setup.ts), never the folders themselves.
 */
export const BUILT_CHROME_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'chrome-mv3-test');
export const BUILT_FIREFOX_EXTENSION_DIR = path.join(REPO_ROOT, '.output', 'firefox-mv2');

export const FIXTURES_DIR = path.join(REPO_ROOT, 'tests', 'e2e', 'fixtures');
/** Gitignored: every screenshot of every run lands here. */
export const ARTIFACTS_DIR = path.join(REPO_ROOT, 'tests', 'e2e', 'artifacts');
/** Committed: the few screenshots the docs show. */
export const DOCS_SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Derived from the test build's `manifest.key` (wxt.config.ts); extension-manifest.e2e.ts re-derives it. */
export const EXTENSION_ID = 'kfiffphpeabpjplpdnioiegngmpflgmh';
export const EXTENSION_ORIGIN = `chrome-extension://${EXTENSION_ID}`;

export function extensionUrl(pathAndQuery: string): string {
  return `${EXTENSION_ORIGIN}/${pathAndQuery.replace(/^\//, '')}`;
}
