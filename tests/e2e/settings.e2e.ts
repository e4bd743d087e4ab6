import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase } from './support/database';
import { OptionsPage } from './support/options-page';
import { ARTIFACTS_DIR } from './support/paths';

type StoredSettings = {
  user: { name: string; email: string };
  ownDomains: string[];
  language: string;
  neverLog?: string[];
  logEmailBodies?: boolean;
  autoLogOpenDeals?: boolean;
};

describe('the settings form', () => {
  let session: ExtensionBrowser;
  let options: OptionsPage;

  const storedSettings = async () => (await dumpDatabase(session.worker)).settings[0] as StoredSettings;

  async function fill(selector: string, value: string) {
    await options.page.$eval(selector, (element) => {
      (element as HTMLInputElement).select();
    });
    await options.page.type(selector, value);
  }

  const fieldValue = (selector: string) =>
    options.page.$eval(selector, (element) => (element as HTMLInputElement | HTMLTextAreaElement).value);
  const isChecked = (selector: string) =>
    options.page.$eval(selector, (element) => (element as HTMLInputElement).checked);

  /** The "Email logging" fieldset alone, as tests/e2e/artifacts/<name>.png. */
  async function screenshotEmailLogging(name: string) {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await options.page.bringToFront();
    await options.page.evaluate(() => document.fonts.ready.then(() => undefined));
    const fieldset = await options.page.waitForSelector('fieldset.email-logging');
    await fieldset?.screenshot({ path: path.join(ARTIFACTS_DIR, `${name}.png`) as `${string}.png` });
  }

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    options = await OptionsPage.open(session);
  });
  afterAll(async () => {
    await options?.close();
    await session?.close();
  });

  it('refuses a domain that is not registrable, says why, and stores nothing', async () => {
    const before = await storedSettings();
    await fill('#user-name', '王小明');
    await fill('#own-domains', 'www.sensecloud.com.tw');
    await options.button('Save').click();
    const alert = await options.page.waitForSelector('form [role="alert"]');
    expect(await alert?.evaluate((element) => element.textContent)).toMatch(
      /Not saved\. Please correct: ownDomains\.0 is not a registrable domain/,
    );
    expect(await storedSettings()).toEqual(before);
  });

  it('saves valid settings, lower-casing the address', async () => {
    await fill('#user-email', 'Xiaoming.Wang@SenseCloud.com.tw');
    await fill('#own-domains', 'sensecloud.com.tw\nsensecloud.tw');
    await options.button('Save').click();
    await options.page.waitForFunction(() => document.body.textContent?.includes('Saved'));
    const stored = await storedSettings();
    expect(stored.user).toMatchObject({ name: '王小明', email: 'xiaoming.wang@sensecloud.com.tw' });
    expect(stored.ownDomains).toEqual(['sensecloud.com.tw', 'sensecloud.tw']);
  });

  it('refuses a never-log list with an invalid line, names each bad line, and stores nothing', async () => {
    const before = await storedSettings();
    await fill('#never-log', 'ceo@acme.com\nmail.*.bank.com.tw\n\n*@*\nCEO@Acme.com');
    await options.button('Save').click();
    const alert = await options.page.waitForSelector('#never-log-problems[role="alert"]');
    const items = await alert?.$$eval('li', (elements) => elements.map((element) => element.textContent));
    expect(items).toEqual([
      'Line 2 (mail.*.bank.com.tw): in a domain, * can only be the whole first part, as in *.bank.com.tw',
      'Line 4 (*@*): it would match every address',
      'Line 5 (CEO@Acme.com): it repeats line 1',
    ]);
    // Focus goes back to the list, so a keyboard user lands on what needs fixing.
    expect(await options.page.evaluate(() => document.activeElement?.id)).toBe('never-log');
    expect(await options.page.$eval('#never-log', (element) => element.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    expect(await options.page.$('.status-success')).toBeNull();
    await screenshotEmailLogging('settings-email-logging-errors-en');
    expect(await storedSettings()).toEqual(before);
  });

  it('saves never-log patterns normalized, and the two logging switches, set from the keyboard', async () => {
    expect(await isChecked('#log-email-bodies')).toBe(false);
    expect(await isChecked('#auto-log-open-deals')).toBe(false);
    await fill(
      '#never-log',
      '  CEO@Acme.com\n\n＊＠Bank.com.tw\nEsunBank.com.tw\nJ.o.h.n+crm@gmail.com\nnoreply*@*',
    );
    for (const selector of ['#log-email-bodies', '#auto-log-open-deals']) {
      await options.page.focus(selector);
      await options.page.keyboard.press('Space');
    }
    await options.button('Save').click();
    const normalized = [
      'ceo@acme.com',
      '*@bank.com.tw',
      'esunbank.com.tw',
      'j.o.h.n+crm@gmail.com',
      'noreply*@*',
    ];
    // The form starts over from the stored record after a save: it then shows what was stored.
    await options.page.waitForFunction(
      (expected) => (document.querySelector('#never-log') as HTMLTextAreaElement | null)?.value === expected,
      {},
      normalized.join('\n'),
    );
    expect(await storedSettings()).toMatchObject({
      neverLog: normalized,
      logEmailBodies: true,
      autoLogOpenDeals: true,
    });
    expect(await options.page.$('#never-log-problems')).toBeNull();

    await options.page.reload();
    await options.waitUntilReady();
    expect(await fieldValue('#never-log')).toBe(normalized.join('\n'));
    expect(await isChecked('#log-email-bodies')).toBe(true);
    expect(await isChecked('#auto-log-open-deals')).toBe(true);
    await screenshotEmailLogging('settings-email-logging-en');
  });

  it('turns a logging switch off again', async () => {
    await options.page.click('label[for="auto-log-open-deals"]');
    await options.button('Save').click();
    await options.page.waitForFunction(
      () => !(document.querySelector('#auto-log-open-deals') as HTMLInputElement | null)?.checked,
    );
    await options.page.waitForSelector('.status-success');
    expect(await storedSettings()).toMatchObject({ logEmailBodies: true, autoLogOpenDeals: false });
  });

  it('switches the whole page to Traditional Chinese when that language is chosen', async () => {
    await options.page.select('#language', 'zh-TW');
    await options.button('Save').click();
    await options.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Dealside 選項');
    expect(await options.page.$eval('html', (html) => html.lang)).toBe('zh-TW');
    expect(await options.page.$eval('#backup-heading', (heading) => heading.textContent)).toBe('備份與還原');
    expect((await storedSettings()).language).toBe('zh-TW');
  });

  it('explains the email logging settings and their errors in Traditional Chinese', async () => {
    await options.page.waitForFunction(() => document.querySelector('legend')?.textContent === '郵件記錄');
    await screenshotEmailLogging('settings-email-logging-zh-TW');
    await fill('#never-log', 'ceo@acme.com\n銀行 tw');
    await options.button('儲存').click();
    const alert = await options.page.waitForSelector('#never-log-problems[role="alert"]');
    expect(await alert?.$eval('li', (element) => element.textContent)).toBe(
      '第 2 行（銀行 tw）：含有空格；每行只能放一個地址或網域',
    );
    await screenshotEmailLogging('settings-email-logging-errors-zh-TW');
  });
});
