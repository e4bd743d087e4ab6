import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Frame, HTTPRequest, Page, Viewport } from 'puppeteer-core';
import type { MailProvider } from '../../../lib/shared/model';
import { collectPageErrors, type ExtensionBrowser } from './browser';
import { extensionUrl, FIXTURES_DIR } from './paths';

export type MailSite = { name: string; provider: MailProvider; url: string; fixture: string };

/** Every host family the content scripts match, each at a URL the real site uses. */
export const MAIL_SITES: readonly MailSite[] = [
  { name: 'Gmail', provider: 'gmail', url: 'https://mail.google.com/mail/u/0/', fixture: 'gmail.html' },
  {
    name: 'Outlook (office.com)',
    provider: 'outlook',
    url: 'https://outlook.office.com/mail/',
    fixture: 'outlook.html',
  },
  {
    name: 'Outlook (office365.com)',
    provider: 'outlook',
    url: 'https://outlook.office365.com/mail/',
    fixture: 'outlook.html',
  },
  {
    name: 'Outlook (cloud.microsoft)',
    provider: 'outlook',
    url: 'https://outlook.cloud.microsoft/mail/',
    fixture: 'outlook.html',
  },
  {
    name: 'Outlook.com (live.com)',
    provider: 'outlook',
    url: 'https://outlook.live.com/mail/0/',
    fixture: 'outlook.html',
  },
];

export const GMAIL = MAIL_SITES[0] as MailSite;
export const OUTLOOK = MAIL_SITES[1] as MailSite;

/** A page the content scripts must leave alone. */
export const NON_MAIL_PAGE = { url: 'https://example.com/mail/', fixture: 'not-mail.html' };

const ROUTES = new Map([...MAIL_SITES, NON_MAIL_PAGE].map((site) => [site.url, site.fixture]));

function fixtureHtml(fileName: string): string {
  return readFileSync(path.join(FIXTURES_DIR, fileName), 'utf8');
}

/**
 * Answers navigations to the mail URLs with fixture HTML, lets extension and data: URLs through
 * (the sidebar frame needs them) and aborts everything else. The returned list collects what was
 * aborted: fixtures load nothing external, so anything in it came from the extension.
 */
export function serveFixtures(page: Page): Promise<string[]> {
  return serveNavigations(page, (url) => {
    const fixture = ROUTES.get(url);
    return fixture ? fixtureHtml(fixture) : undefined;
  });
}

/**
 * Serves given HTML at given mail URLs (the hash never reaches the network, so a route is the URL
 * without it), with the same pass-through and blocking rules as `serveFixtures`.
 */
export function serveMailPages(page: Page, routes: ReadonlyMap<string, string>): Promise<string[]> {
  return serveNavigations(page, (url) => routes.get(url.split('#')[0] ?? url));
}

/** Navigations get `htmlAt(url)` where it has some; returns the list of aborted URLs. */
async function serveNavigations(page: Page, htmlAt: (url: string) => string | undefined): Promise<string[]> {
  const blocked: string[] = [];
  await page.setRequestInterception(true);
  page.on('request', (request: HTTPRequest) => {
    if (request.isInterceptResolutionHandled()) return;
    const url = request.url();
    const html = request.isNavigationRequest() ? htmlAt(url) : undefined;
    if (html !== undefined) {
      void request.respond({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
    } else if (url.startsWith('chrome-extension://') || url.startsWith('data:')) {
      void request.continue();
    } else if (new URL(url).pathname === '/favicon.ico') {
      // An empty answer: a 404 would show up as a console error.
      void request.respond({ status: 204, body: '' });
    } else {
      blocked.push(url);
      void request.abort('blockedbyclient');
    }
  });
  return blocked;
}

export function sidebarUrl(provider: MailProvider): string {
  return extensionUrl(`sidebar.html?host=${provider}`);
}

export type OpenMailPage = { page: Page; frame: Frame; blockedRequests: string[]; pageErrors: string[] };

/** Opens a fixture mail page and waits for the extension's sidebar frame to render its heading. */
export async function openMailSite(
  session: ExtensionBrowser,
  site: MailSite,
  viewport?: Viewport,
): Promise<OpenMailPage> {
  const page = await session.newPage(viewport);
  const pageErrors = collectPageErrors(page);
  const blockedRequests = await serveFixtures(page);
  await page.goto(site.url, { waitUntil: 'load' });
  const frame = await waitForSidebarFrame(page, site.provider);
  return { page, frame, blockedRequests, pageErrors };
}

/** The frame lives inside a closed shadow root, so it is found by URL, never through the DOM. */
export async function waitForSidebarFrame(page: Page, provider: MailProvider): Promise<Frame> {
  const frame = await page.waitForFrame((candidate) => candidate.url() === sidebarUrl(provider), {
    timeout: 15_000,
  });
  await frame.waitForSelector('main h1', { timeout: 15_000 });
  return frame;
}

/** The summary's lines once they show, or the empty-database note. */
export async function readSidebarSummary(frame: Frame): Promise<string[]> {
  await frame.waitForSelector('[data-testid="crm-summary"]', { timeout: 10_000 });
  return frame.$$eval('[data-testid="crm-summary"] li', (items) =>
    items.map((item) => item.textContent?.trim() ?? ''),
  );
}

/** Waits until the summary shows exactly these lines (it refreshes on Dexie's storagemutated event). */
export async function waitForSidebarSummary(
  frame: Frame,
  expected: readonly string[],
  timeoutMs = 10_000,
): Promise<void> {
  try {
    await frame.waitForFunction(
      (lines: readonly string[]) => {
        const items = [...document.querySelectorAll('[data-testid="crm-summary"] li')];
        return (
          items.length === lines.length &&
          items.every((item, index) => item.textContent?.trim() === lines[index])
        );
      },
      { timeout: timeoutMs, polling: 'mutation' },
      expected,
    );
  } catch (error) {
    const shown = await frame.$eval('main', (main) => main.textContent ?? '').catch(() => '(no main)');
    throw new Error(
      `The sidebar never showed ${JSON.stringify(expected)}; it shows:\n${shown}\n(${(error as Error).message})`,
    );
  }
}
