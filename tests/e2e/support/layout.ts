import type { Frame, Page } from 'puppeteer-core';

/** How far the document is wider than its viewport, in CSS pixels: more than 0 means a sideways scroll. */
export async function horizontalOverflow(target: Page | Frame): Promise<number> {
  return target.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export type PlatformFont = { familyName: string; glyphCount: number };

/**
 * The fonts Chromium really drew an element's text with. Text no installed font covers is drawn
 * as empty boxes; a CJK family in this list shows Chinese glyphs were found.
 */
export async function platformFontsOf(page: Page, selector: string): Promise<PlatformFont[]> {
  // A background tab is not laid out again, and would report the fonts of its old text.
  await page.bringToFront();
  const cdp = await page.createCDPSession();
  try {
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector });
    if (!nodeId) throw new Error(`No element matches ${selector}`);
    const { fonts } = await cdp.send('CSS.getPlatformFontsForNode', { nodeId });
    return fonts.map((font) => ({ familyName: font.familyName, glyphCount: font.glyphCount }));
  } finally {
    await cdp.detach();
  }
}

export const CJK_FONT_FAMILY = /CJK|JhengHei|PingFang|Heiti|Ming|Hei TC|Kai/i;

/**
 * Emulates a light or dark system theme and waits until every frame sees it. The tab comes to the
 * front first: a background tab's out-of-process frames (the sidebar) only pick the change up
 * once the tab is visible.
 */
export async function emulateColorScheme(page: Page, scheme: 'light' | 'dark'): Promise<void> {
  await page.bringToFront();
  await page.emulateMediaFeatures([{ name: 'prefers-color-scheme', value: scheme }]);
  for (const frame of page.frames()) {
    await frame.waitForFunction(
      (wanted: string) => matchMedia(`(prefers-color-scheme: ${wanted})`).matches,
      { timeout: 5_000 },
      scheme,
    );
  }
}
