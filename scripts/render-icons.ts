/**
 * Renders assets/icon.svg to the PNG sizes browsers ask for (public/icon/<size>.png).
 * Run after changing the SVG: `npx tsx scripts/render-icons.ts`. Needs Chromium (see README).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import puppeteer from 'puppeteer-core';
import { findChrome } from '../tests/support/chrome';

const SIZES = [16, 32, 48, 96, 128];
const root = resolve(import.meta.dirname, '..');
const svg = await readFile(resolve(root, 'assets/icon.svg'), 'utf8');
const browser = await puppeteer.launch({
  executablePath: findChrome(),
  headless: true,
  args: ['--no-sandbox', '--disable-gpu'],
});
try {
  const page = await browser.newPage();
  for (const size of SIZES) {
    await page.setViewport({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{width:${size}px;height:${size}px;display:block}</style>${svg}`,
    );
    await page.screenshot({
      path: resolve(root, `public/icon/${size}.png`) as `${string}.png`,
      omitBackground: true,
    });
  }
} finally {
  await browser.close();
}
