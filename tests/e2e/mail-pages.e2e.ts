import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { MAIL_SITES, NON_MAIL_PAGE, openMailSite, serveFixtures, sidebarUrl } from './support/mail-pages';

describe('the sidebar on mail pages', () => {
  let session: ExtensionBrowser;

  beforeAll(async () => {
    session = await launchExtensionBrowser();
  });
  afterAll(async () => {
    await session?.close();
  });

  for (const site of MAIL_SITES) {
    it(`mounts on ${site.name} (${site.url}) and renders the sidebar page in its frame`, async () => {
      const { page, frame, blockedRequests, pageErrors } = await openMailSite(session, site);

      const host = await page.evaluate(() => {
        const elements = document.querySelectorAll('dealside-sidebar');
        const element = elements[0];
        return {
          count: elements.length,
          parent: element?.parentElement?.tagName,
          // A closed shadow root: the mail page's scripts cannot reach into the panel.
          shadowRootVisibleToPage: element?.shadowRoot !== null,
        };
      });
      expect(host).toEqual({ count: 1, parent: 'HTML', shadowRootVisibleToPage: false });

      expect(frame.url()).toBe(sidebarUrl(site.provider));
      expect(await frame.$eval('main h1', (heading) => heading.textContent)).toBe('Dealside');
      expect(await frame.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(blockedRequests, 'requests to anywhere but the extension').toEqual([]);
      expect(pageErrors, 'errors in the page or the sidebar').toEqual([]);
      await page.close();
    });
  }

  it('can be hidden and shown again with its toggle button', async () => {
    const site = MAIL_SITES[0];
    if (!site) throw new Error('no mail sites');
    const { page, frame } = await openMailSite(session, site);
    // ARIA queries go through the accessibility tree, which reaches inside the closed shadow root.
    await page.locator('::-p-aria([name="Hide Dealside"][role="button"])').click();
    await page.waitForSelector('::-p-aria([name="Show Dealside"][role="button"])');
    const frameElement = await frame.frameElement();
    expect(await frameElement?.boundingBox()).toBeNull();

    await page.locator('::-p-aria([name="Show Dealside"][role="button"])').click();
    await page.waitForSelector('::-p-aria([name="Hide Dealside"][role="button"])');
    const box = await frameElement?.boundingBox();
    expect(box?.width).toBe(360);
    await page.close();
  });

  it('stays off pages that are not mail sites', async () => {
    const page = await session.newPage();
    await serveFixtures(page);
    await page.goto(NON_MAIL_PAGE.url, { waitUntil: 'load' });
    // Content scripts run at document_idle; on mail pages the host appears well within this time.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await page.$('dealside-sidebar')).toBeNull();
    expect(page.frames().map((frame) => frame.url())).toEqual([NON_MAIL_PAGE.url]);
    await page.close();
  });
});
