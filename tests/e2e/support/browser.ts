import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, {
  type Browser,
  type Page,
  type Target,
  type Viewport,
  type WebWorker,
} from 'puppeteer-core';
import { chromeExtensionDir } from './builds';
import { waitForTestHooks } from './database';
import { EXTENSION_ID } from './paths';

const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export const DEFAULT_VIEWPORT: Viewport = { width: 1280, height: 800 };

const HOW_TO_INSTALL =
  'Install Chromium with `apt-get install -y chromium fonts-noto-cjk` (Debian/Ubuntu), or set CHROME_PATH ' +
  'to a Chrome or Chromium binary. chrome-headless-shell will not do: it cannot load extensions.';

/** CHROME_PATH, then Debian's Chromium, then the newest Chrome in puppeteer's cache. */
export function findChrome(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist. ${HOW_TO_INSTALL}`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const cache = path.join(home, '.cache', 'puppeteer', 'chrome');
  if (existsSync(cache)) {
    const newestFirst = readdirSync(cache).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
    for (const version of newestFirst) {
      const binary = path.join(cache, version, 'chrome-linux64', 'chrome');
      if (existsSync(binary)) return binary;
    }
  }
  throw new Error(`No Chromium found for the end-to-end tests. ${HOW_TO_INSTALL}`);
}

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

/** A fresh profile with the test build loaded, and its service worker ready for test hooks. */
export async function launchExtensionBrowser(): Promise<ExtensionBrowser> {
  const extensionDir = chromeExtensionDir();
  const executablePath = findChrome();
  const sessionDir = mkdtempSync(path.join(os.tmpdir(), 'dealside-e2e-'));
  const tempDir = (prefix: string) => mkdtempSync(path.join(sessionDir, `${prefix}-`));
  const userDataDir = tempDir('profile');
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    // Loading an unpacked extension through `enableExtensions` needs the pipe transport.
    pipe: true,
    enableExtensions: [extensionDir],
    userDataDir,
    defaultViewport: DEFAULT_VIEWPORT,
    args: CHROME_ARGS,
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
