import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { collectPageErrors, type ExtensionBrowser } from './browser';
import { ARTIFACTS_DIR, EXTENSION_ID, extensionUrl } from './paths';

/**
 * Lets the extension reach `pattern` the way a rep would on chrome://extensions (Details → Site
 * access), through that page's own API. Puppeteer cannot click the permission prompt that
 * `permissions.request` shows (it is browser UI, not a page), and headless Chromium leaves that
 * request pending forever. Once the site is allowed, the options page's Connect still calls
 * `permissions.request`, which then resolves at once without a prompt and grants the origin.
 */
export async function allowSiteAccess(session: ExtensionBrowser, pattern: string): Promise<void> {
  const page = await session.browser.newPage();
  try {
    await page.goto(`chrome://extensions/?id=${EXTENSION_ID}`);
    await page.evaluate(
      (extensionId: string, host: string) =>
        (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
          }
        ).chrome.developerPrivate.addHostPermission(extensionId, host),
      EXTENSION_ID,
      pattern,
    );
  } finally {
    await page.close();
  }
}

/** The origins the extension may reach now, as its worker sees them. */
export function grantedOrigins(session: ExtensionBrowser): Promise<string[]> {
  return session.worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as {
      chrome: { permissions: { getAll(): Promise<{ origins?: string[] }> } };
    };
    return (await chrome.permissions.getAll()).origins ?? [];
  });
}

const PANEL = 'section#sync';

/** The options page's Team sync panel, driven through labels, buttons and the text it shows. */
export class SyncPanelPage {
  constructor(
    readonly page: Page,
    /** Console errors and uncaught exceptions of the page (React reports render errors there). */
    readonly errors: string[],
  ) {}

  static async open(session: ExtensionBrowser, width = 900): Promise<SyncPanelPage> {
    const page = await session.newPage({ width, height: 900 });
    const errors = collectPageErrors(page);
    await page.goto(extensionUrl('options.html#sync'));
    await page.waitForSelector(`${PANEL} h2`);
    await page.waitForFunction(
      (panel: string) => !document.querySelector(`${panel} [aria-busy="true"]`),
      { polling: 100 },
      PANEL,
    );
    return new SyncPanelPage(page, errors);
  }

  button(name: string) {
    return this.page.locator(`${PANEL} ::-p-aria([name="${name}"][role="button"])`);
  }

  /** Types into the labelled field, replacing what was there. */
  async fill(selector: string, value: string): Promise<void> {
    await this.page.$eval(selector, (element) => {
      (element as HTMLInputElement).select();
    });
    await this.page.type(selector, value);
  }

  /** Fills the form and presses Connect (a real click: the permission request needs the gesture). */
  async connect(serverUrl: string, token: string): Promise<void> {
    await this.page.bringToFront();
    await this.fill('#sync-server-url', serverUrl);
    await this.fill('#sync-token', token);
    // By its role in the form, not its name: the panel may be in Chinese.
    await this.page.locator(`${PANEL} form button[type="submit"]`).click();
  }

  async text(): Promise<string> {
    return this.page.$eval(PANEL, (section) => section.textContent ?? '');
  }

  async waitForText(wanted: string | RegExp, timeout = 20_000): Promise<string> {
    const source = typeof wanted === 'string' ? wanted : wanted.source;
    const flags = typeof wanted === 'string' ? '' : wanted.flags;
    await this.page
      .waitForFunction(
        (panel: string, pattern: string, patternFlags: string, literal: boolean) => {
          const text = document.querySelector(panel)?.textContent ?? '';
          return literal ? text.includes(pattern) : new RegExp(pattern, patternFlags).test(text);
        },
        { timeout, polling: 100 },
        PANEL,
        source,
        flags,
        typeof wanted === 'string',
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nThe sync panel says: ${await this.text()}`);
      });
    return this.text();
  }

  /** A fact of the connected status ("Last sync", "Waiting to be sent"…) by its test id. */
  fact(testId: string): Promise<string> {
    return this.page.$eval(`${PANEL} [data-testid="${testId}"]`, (element) => element.textContent ?? '');
  }

  async syncNow(): Promise<void> {
    await this.page.bringToFront();
    // By its place, not its name: the panel may be in Chinese.
    await this.page.locator(`${PANEL} [data-testid="sync-status"] .actions button.primary`).click();
    await this.page.waitForFunction(
      (panel: string) => {
        const text = document.querySelector(panel)?.textContent ?? '';
        return !text.includes('Syncing…') && !text.includes('同步中…');
      },
      { timeout: 20_000, polling: 100 },
      PANEL,
    );
  }
}

export type SyncDot = { tone: string; label: string; title: string } | null;

/** The sidebar page in a tab (as the side panel shows it), for its header's sync status dot. */
export class SidebarHeader {
  constructor(readonly page: Page) {}

  static async open(session: ExtensionBrowser): Promise<SidebarHeader> {
    const page = await session.newPage({ width: 360, height: 700 });
    await page.goto(extensionUrl('sidepanel.html'));
    await page.waitForSelector('#sidebar-title');
    return new SidebarHeader(page);
  }

  /** Finds a deal with quick search and opens it; returns its card's amount, next step and owner as shown. */
  async openDeal(title: string): Promise<{ amount: string; nextStep: string; owner: string }> {
    await this.page.bringToFront();
    await this.page.click('[data-testid="quick-search"]', { count: 3 });
    await this.page.type('[data-testid="quick-search"]', title);
    const result = this.page.locator(`[data-testid="search-results"] ::-p-text(${title})`);
    await result.setTimeout(10_000).click();
    await this.page.waitForSelector('[data-testid="opened-record"] [data-testid="deal-card"]');
    return this.page.$eval('[data-testid="opened-record"]', (card) => ({
      amount: card.querySelector('[data-testid="deal-amount"]')?.textContent ?? '',
      nextStep: card.querySelector('[data-testid="deal-next-step"]')?.textContent ?? '',
      owner: card.querySelector('[data-testid="deal-owner"]')?.textContent ?? '',
    }));
  }

  /** The header alone, as tests/e2e/artifacts/<name>.png. */
  async screenshotHeader(name: string): Promise<void> {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await this.page.bringToFront();
    const header = await this.page.waitForSelector('.sidebar-header');
    await header?.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) as `${string}.png` });
  }

  dot(): Promise<SyncDot> {
    return this.page.evaluate(() => {
      const link = document.querySelector('[data-testid="sync-dot"]');
      if (!link) return null;
      return {
        tone: link.getAttribute('data-tone') ?? '',
        label: link.textContent ?? '',
        title: link.getAttribute('title') ?? '',
      };
    });
  }

  /** Waits until the dot shows `tone` (null: hidden), and returns it. */
  async waitForDot(tone: string | null, timeout = 20_000): Promise<SyncDot> {
    await this.page
      .waitForFunction(
        (wanted: string | null) => {
          const link = document.querySelector('[data-testid="sync-dot"]');
          return wanted === null ? link === null : link?.getAttribute('data-tone') === wanted;
        },
        { timeout, polling: 100 },
        tone,
      )
      .catch(async (error: Error) => {
        throw new Error(`${error.message}\nThe dot is ${JSON.stringify(await this.dot())}`);
      });
    return this.dot();
  }
}
