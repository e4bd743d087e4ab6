import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { ARTIFACTS_DIR, DOCS_SCREENSHOTS_DIR } from './paths';

/**
 * Brings the tab to the front (background tabs get no animation frames, and a screenshot of one
 * waits forever), then lets layout, fonts and the sidebar frame catch up.
 */
async function settle(page: Page): Promise<void> {
  await page.bringToFront();
  for (const frame of page.frames()) {
    await frame.evaluate(() => document.fonts.ready.then(() => undefined)).catch(() => undefined);
  }
  await page.evaluate(
    () => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))),
  );
}

/** Saves the viewport as tests/e2e/artifacts/<name>.png and returns the file's path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(ARTIFACTS_DIR, { recursive: true });
  const filePath = path.join(ARTIFACTS_DIR, `${name}.png`) as `${string}.png`;
  await settle(page);
  await page.screenshot({ path: filePath });
  return filePath;
}

/** Resizes the viewport to `width` (keeping the height), then saves a screenshot. */
export async function screenshotAtWidth(
  page: Page,
  width: number,
  name: string,
  height = 800,
): Promise<string> {
  await page.setViewport({ width, height });
  return saveScreenshot(page, name);
}

/** Copies an artifact to docs/screenshots/<docsName>, for the README and docs to show. */
export async function publishScreenshot(artifactPath: string, docsName: string): Promise<string> {
  await mkdir(DOCS_SCREENSHOTS_DIR, { recursive: true });
  const target = path.join(DOCS_SCREENSHOTS_DIR, docsName);
  await copyFile(artifactPath, target);
  return target;
}
