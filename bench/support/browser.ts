import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, WebWorker } from 'puppeteer-core';
import { launchChromeWithExtension } from '../../tests/support/chrome';

/**
 * `npm run build:test` (`wxt build --mode test`) writes here: WXT appends the mode to the folder
 * name. Only this build has the fixed key and the `dealsideTest` hook.
 */
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

export type ExtensionSession = {
  browser: Browser;
  worker: WebWorker;
  extensionId: string;
  close(): Promise<void>;
};

type TestGlobal = { dealsideTest?: unknown; __name?: unknown };

/** A fresh profile with the test build loaded, attached to its service worker once the test hooks exist. */
export async function launchExtension(): Promise<ExtensionSession> {
  const manifestPath = path.join(EXTENSION_DIR, 'manifest.json');
  if (!existsSync(manifestPath) || !('key' in JSON.parse(readFileSync(manifestPath, 'utf8')))) {
    throw new Error(`${EXTENSION_DIR} is not a test build: run \`npm run build:test\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-bench-profile-'));
  const browser = await launchChromeWithExtension({ extensionDir: EXTENSION_DIR, userDataDir });
  const close = async () => {
    await browser.close();
    await rm(userDataDir, { recursive: true, force: true });
  };
  try {
    const target = await browser.waitForTarget(
      (candidate) => candidate.type() === 'service_worker' && candidate.url().endsWith('/background.js'),
      { timeout: 15_000 },
    );
    const worker = await target.worker();
    if (!worker) throw new Error(`Could not attach to the service worker at ${target.url()}`);
    // tsx compiles with esbuild's keepNames, which wraps functions in `__name(...)`; functions
    // sent to the worker by evaluate() carry those calls, so the worker needs the helper too.
    await worker.evaluate('globalThis.__name = (target) => target');
    const deadline = Date.now() + 10_000;
    while (!(await worker.evaluate(() => (globalThis as TestGlobal).dealsideTest !== undefined))) {
      if (Date.now() > deadline)
        throw new Error('globalThis.dealsideTest never appeared: is this a test build?');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return { browser, worker, extensionId: new URL(target.url()).host, close };
  } catch (error) {
    await close();
    throw error;
  }
}
