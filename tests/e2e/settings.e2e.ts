import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase } from './support/database';
import { OptionsPage } from './support/options-page';

type StoredSettings = { user: { name: string; email: string }; ownDomains: string[]; language: string };

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

  it('switches the whole page to Traditional Chinese when that language is chosen', async () => {
    await options.page.select('#language', 'zh-TW');
    await options.button('Save').click();
    await options.page.waitForFunction(() => document.querySelector('h1')?.textContent === 'Dealside 選項');
    expect(await options.page.$eval('html', (html) => html.lang)).toBe('zh-TW');
    expect(await options.page.$eval('#backup-heading', (heading) => heading.textContent)).toBe('備份與還原');
    expect((await storedSettings()).language).toBe('zh-TW');
  });
});
