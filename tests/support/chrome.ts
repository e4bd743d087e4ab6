import { existsSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Viewport } from 'puppeteer-core';

/** The flags verified on these machines (see README): root without a sandbox, no network chatter. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

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
  throw new Error(`No Chromium found. ${HOW_TO_INSTALL}`);
}

/** Headless Chromium with one unpacked extension loaded into a given fresh profile. */
export function launchChromeWithExtension(options: {
  extensionDir: string;
  userDataDir: string;
  defaultViewport?: Viewport;
}): Promise<Browser> {
  return puppeteer.launch({
    executablePath: findChrome(),
    headless: true,
    // Loading an unpacked extension through `enableExtensions` needs the pipe transport.
    pipe: true,
    enableExtensions: [options.extensionDir],
    userDataDir: options.userDataDir,
    defaultViewport: options.defaultViewport ?? null,
    args: CHROME_ARGS,
  });
}
