import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { BUILT_CHROME_EXTENSION_DIR, BUILT_FIREFOX_EXTENSION_DIR } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A copy of the Chrome test build, made once per run. */
    chromeExtensionDir: string;
    /** A copy of the Firefox build, made once per run. */
    firefoxExtensionDir: string;
  }
}

/**
 * Copies the builds before any test starts, so that every file tests the same build even if
 * something (a benchmark, a second test run) rebuilds `.output/` meanwhile. The copy keeps the
 * extension id: it comes from manifest.key, not from the folder's path.
 */
export default function setup(project: TestProject): () => void {
  const snapshot = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-builds-'));
  const copy = (source: string, name: string) => {
    const target = path.join(snapshot, name);
    // A missing build is reported by the tests that need it, with the command that makes it.
    if (existsSync(path.join(source, 'manifest.json'))) cpSync(source, target, { recursive: true });
    return target;
  };
  project.provide('chromeExtensionDir', copy(BUILT_CHROME_EXTENSION_DIR, 'chrome-mv3-test'));
  project.provide('firefoxExtensionDir', copy(BUILT_FIREFOX_EXTENSION_DIR, 'firefox-mv2'));
  return () => rmSync(snapshot, { recursive: true, force: true });
}
