import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type WebWorker } from 'puppeteer-core';

/**
 * `npm run build:test` (`wxt build --mode test`) writes here: WXT appends the mode to the folder
 * name. Only this build has the fixed key and the `dealsideTest` hook.
 */
export const EXTENSION_DIR = path.resolve(import.meta.dirname, '../../.output/chrome-mv3-test');

const HOW_TO_INSTALL =
  'Install Chromium (`apt-get install -y chromium` on Debian/Ubuntu) or set CHROME_PATH to a Chrome or ' +
  'Chromium binary; chrome-headless-shell cannot load extensions.';

/** CHROME_PATH, then Debian's Chromium, then the newest Chrome in puppeteer's cache. */
export function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv))
      throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist. ${HOW_TO_INSTALL}`);
    return fromEnv;
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const cache = path.join(os.homedir(), '.cache', 'puppeteer', 'chrome');
  if (existsSync(cache)) {
    const newestFirst = readdirSync(cache).sort((first, second) =>
      second.localeCompare(first, 'en', { numeric: true }),
    );
    for (const version of newestFirst) {
      const binary = path.join(cache, version, 'chrome-linux64', 'chrome');
      if (existsSync(binary)) return binary;
    }
  }
  throw new Error(`No Chromium found for the benchmarks. ${HOW_TO_INSTALL}`);
}

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
  const browser = await puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    // Loading an unpacked extension through `enableExtensions` needs the pipe transport.
    pipe: true,
    enableExtensions: [EXTENSION_DIR],
    userDataDir,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
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
