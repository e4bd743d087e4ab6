import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page, Target, Viewport, WebWorker } from 'puppeteer-core';
import { launchChromeWithExtension } from '../../support/chrome';
import { chromeExtensionDir } from './builds';
import { waitForTestHooks } from './database';
import { EXTENSION_ID } from './paths';

export const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 800 };

export type ExtensionBrowser = {
  browser: Browser;
  /** The extension's service worker; `dealsideTest.database` is ready in it. */
  worker: WebWorker;
  extensionId: string;
  newPage(viewport?: Viewport): Promise<Page>;
  /** A fresh directory that `close()` removes, whatever happened in between. */
  tempDir(prefix: string): string;
  close(): Promise<void>;
};

function isBackgroundWorker(target: Target): boolean {
  return target.type() === 'service_worker' && target.url().endsWith('/background.js');
}

/**
 * A fresh profile with the test build loaded, and its service worker ready for test hooks. With
 * `profileDir`, that profile is used instead and outlives `close()`, so a test can restart the
 * browser on it (the caller removes it).
 */
export async function launchExtensionBrowser(
  options: { profileDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = chromeExtensionDir();
  const sessionDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-'));
  const tempDir = (prefix: string) => mkdtempSync(path.join(sessionDir, `${prefix}-`));
  const userDataDir = options.profileDir ?? tempDir('profile');
  const browser = await launchChromeWithExtension({
    extensionDir,
    userDataDir,
    defaultViewport: DEFAULT_VIEWPORT,
  });
  const close = async () => {
    await browser.close();
    await rm(sessionDir, { recursive: true, force: true });
  };
  try {
    const target = await browser.waitForTarget(isBackgroundWorker, { timeout: 15_000 });
    const worker = await target.worker();
    if (!worker) throw new Error(`Could not attach to the service worker at ${target.url()}`);
    const extensionId = new URL(target.url()).host;
    if (extensionId !== EXTENSION_ID) {
      throw new Error(
        `The extension loaded with id ${extensionId}, not ${EXTENSION_ID}: does the test build still carry manifest.key?`,
      );
    }
    await waitForTestHooks(worker);
    return {
      browser,
      worker,
      extensionId,
      async newPage(viewport = DEFAULT_VIEWPORT) {
        const page = await browser.newPage();
        await page.setViewport(viewport);
        return page;
      },
      tempDir,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Console errors of a page and its frames (the extension frame included), and the main frame's
 * uncaught exceptions; React reports render errors on the console too.
 */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) =>
    errors.push(`pageerror: ${error instanceof Error ? error.message : error}`),
  );
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  return errors;
}
