import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page, Viewport } from 'puppeteer-core';
import type { ExtensionBrowser } from './browser';
import { extensionUrl } from './paths';

export type ExportedBackup = { fileName: string; filePath: string; text: string; content: unknown };
export type ProblemList = { text: string; items: string[] };

const BACKUP_FILE_NAME = /^dealside-backup-\d{4}-\d{2}-\d{2}\.json$/;

/** The options page, driven through what a user sees: buttons by accessible name, status text. */
export class OptionsPage {
  private constructor(
    readonly page: Page,
    private readonly downloadDir: string,
  ) {}

  static async open(session: ExtensionBrowser, viewport?: Viewport): Promise<OptionsPage> {
    const page = await session.newPage(viewport);
    const downloadDir = session.tempDir('downloads');
    const cdp = await page.createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloadDir });
    await page.goto(extensionUrl('options.html'));
    const options = new OptionsPage(page, downloadDir);
    await options.waitUntilReady();
    return options;
  }

  /** The settings form has loaded (which also creates the settings record on first use). */
  async waitUntilReady(): Promise<void> {
    await this.page.waitForSelector('main.options h1');
    await this.page.waitForSelector('#user-name');
  }

  button(name: string): Locator<Element> {
    return this.page.locator(`::-p-aria([name="${name}"][role="button"])`);
  }

  /** Clicks "Export backup" and waits for the downloaded file. */
  async exportBackup(timeoutMs = 10_000): Promise<ExportedBackup> {
    const before = new Set(readdirSync(this.downloadDir));
    await this.page.bringToFront();
    await this.button('Export backup').click();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const fileName = readdirSync(this.downloadDir).find(
        (name) => !before.has(name) && BACKUP_FILE_NAME.test(name),
      );
      if (fileName) {
        const filePath = path.join(this.downloadDir, fileName);
        const text = readFileSync(filePath, 'utf8');
        try {
          return { fileName, filePath, text, content: JSON.parse(text) };
        } catch {
          // Still being written: try again.
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(
      `No backup file appeared in ${this.downloadDir} (it holds: ${readdirSync(this.downloadDir).join(', ') || 'nothing'})`,
    );
  }

  /** Clicks "Import backup" and picks the file in the chooser it opens. */
  async chooseImportFile(filePath: string): Promise<void> {
    if (!existsSync(filePath)) throw new Error(`${filePath} does not exist`);
    // Chromium opens no file chooser for a tab in the background.
    await this.page.bringToFront();
    const [chooser] = await Promise.all([
      this.page.waitForFileChooser({ timeout: 10_000 }),
      this.button('Import backup').click(),
    ]);
    await chooser.accept([filePath]);
  }

  /** The text of the "Replace all data?" dialog shown for a valid file. */
  async confirmationText(): Promise<string> {
    const dialog = await this.page.waitForSelector('[role="alertdialog"]', { timeout: 10_000 });
    return (await dialog?.evaluate((element) => element.textContent ?? '')) ?? '';
  }

  /** Imports a valid file all the way: choose, confirm "Replace my data", wait for the result. */
  async importBackup(filePath: string): Promise<string> {
    await this.chooseImportFile(filePath);
    await this.confirmationText();
    await this.button('Replace my data').click();
    return this.successText();
  }

  async successText(): Promise<string> {
    const status = await this.page.waitForSelector(
      'section[aria-labelledby="backup-heading"] .status-success',
      { timeout: 10_000 },
    );
    return (await status?.evaluate((element) => element.textContent?.trim() ?? '')) ?? '';
  }

  async hasConfirmation(): Promise<boolean> {
    return (await this.page.$('[role="alertdialog"]')) !== null;
  }

  /** The refusal shown for an invalid file: its whole text and each listed problem. */
  async problems(): Promise<ProblemList> {
    const alert = await this.page.waitForSelector('[role="alert"][data-testid="backup-problems"]', {
      timeout: 10_000,
    });
    if (!alert) throw new Error('No problem list');
    return alert.evaluate((element) => ({
      text: element.textContent ?? '',
      items: [...element.querySelectorAll('li')].map((item) => item.textContent?.trim() ?? ''),
    }));
  }

  async close(): Promise<void> {
    await this.page.close();
    await rm(this.downloadDir, { recursive: true, force: true });
  }
}
