import type { Frame, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords } from './support/database';
import { GMAIL, type OpenMailPage, openMailSite } from './support/mail-pages';
import { setMailPageState, tabIdOfFrame } from './support/mail-state';
import { sidebarCrm } from './support/sidebar-records';

type Group = { label: string; results: string[] };

/** The result groups once they show `expected` somewhere in them. */
async function resultsFor(frame: Frame, expected: string): Promise<Group[]> {
  await frame.waitForFunction(
    (text: string) => document.querySelector('[data-testid="search-results"]')?.textContent?.includes(text),
    { timeout: 10_000, polling: 100 },
    expected,
  );
  return frame.$$eval('[data-testid="search-results"] .result-group', (groups) =>
    groups.map((group) => ({
      label: group.querySelector('h2')?.textContent ?? '',
      results: [...group.querySelectorAll('button[data-result]')].map((button) => button.textContent ?? ''),
    })),
  );
}

async function search(page: Page, frame: Frame, text: string): Promise<void> {
  await frame.click('[data-testid="quick-search"]', { count: 3 });
  await page.keyboard.press('Backspace');
  await frame.type('[data-testid="quick-search"]', text);
}

const focusedText = (frame: Frame) => frame.evaluate(() => document.activeElement?.textContent ?? '');

describe('quick search in the sidebar', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  const crm = sidebarCrm();

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm.records);
    gmail = await openMailSite(session, GMAIL);
    const tabId = await tabIdOfFrame(gmail.frame);
    await setMailPageState(session.worker, tabId, { status: 'no-thread', provider: 'gmail', account: null });
    await gmail.frame.waitForSelector('[data-testid="no-thread"]');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('finds a contact by a Chinese name, and opens its card from the keyboard', async () => {
    await search(gmail.page, gmail.frame, '陳美玲');
    expect(await resultsFor(gmail.frame, '陳美玲')).toEqual([
      { label: 'Contacts', results: ['Chen Mei-Ling 陳美玲meiling.chen@acme.com.tw'] },
    ]);
    expect(await gmail.frame.$eval('[role="status"]', (status) => status.textContent)).toBe('1 result');
    await gmail.page.keyboard.press('ArrowDown');
    expect(await focusedText(gmail.frame)).toContain('陳美玲');
    await gmail.page.keyboard.press('Enter');
    const card = await gmail.frame.waitForSelector(
      '[data-testid="opened-record"] [data-testid="contact-card"]',
    );
    expect(await card?.evaluate((element) => element.textContent)).toContain(
      'Purchasing Manager · Acme Trading',
    );
    // Focus follows to the card's title, so a screen reader reads what opened.
    expect(await focusedText(gmail.frame)).toBe('Chen Mei-Ling 陳美玲');
    expect(await gmail.frame.$('[data-testid="search-results"]:not([hidden])')).toBeNull();

    // From the contact to one of their deals.
    await gmail.frame.click('[data-testid="contact-card"] ::-p-text(Acme: 200 seats)');
    const deal = await gmail.frame.waitForSelector('[data-testid="opened-record"] [data-testid="deal-card"]');
    expect(await deal?.evaluate((element) => element.querySelector('.stage-label')?.textContent)).toBe(
      'Stage 3 of 4: Proposal',
    );
  });

  it('finds a company and its contacts by domain, grouped, and walks them with the arrow keys', async () => {
    await search(gmail.page, gmail.frame, 'hongda.com.tw');
    const groups = await resultsFor(gmail.frame, '宏達精密股份有限公司');
    expect(groups).toEqual([
      { label: 'Contacts', results: ['林志明cm.lin@hongda.com.tw'] },
      { label: 'Companies', results: ['宏達精密股份有限公司hongda.com.tw'] },
    ]);
    await gmail.page.keyboard.press('ArrowDown');
    await gmail.page.keyboard.press('ArrowDown');
    expect(await focusedText(gmail.frame)).toContain('宏達精密股份有限公司');
    await gmail.page.keyboard.press('ArrowUp');
    await gmail.page.keyboard.press('ArrowUp');
    expect(await gmail.frame.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'quick-search',
    );
    // Tab reaches the results too.
    await gmail.page.keyboard.press('Tab');
    await gmail.page.keyboard.press('Tab');
    await gmail.page.keyboard.press('Enter');
    const card = await gmail.frame.waitForSelector(
      '[data-testid="opened-record"] [data-testid="company-card"]',
    );
    const text = await card?.evaluate((element) => element.textContent);
    expect(text).toContain('1 open deal');
    expect(text).toContain('宏達 MES 系統導入');
    expect(text).toContain('林志明 · 資訊部經理');
  });

  it('groups deals, contacts and companies for Latin text, and is accessible with results shown', async () => {
    await search(gmail.page, gmail.frame, 'acme');
    const groups = await resultsFor(gmail.frame, 'Acme Trading');
    expect(groups.map((group) => group.label)).toEqual(['Deals', 'Contacts', 'Companies']);
    expect([...(groups[0]?.results ?? [])].sort()).toEqual([
      'Acme: 200 seats',
      'Acme: pilot',
      'Acme: support renewal',
    ]);
    const blocking = blockingViolations(await runAxe(gmail.frame));
    expect(blocking, describeViolations('sidebar, search results', blocking)).toEqual([]);
  });

  it('says when nothing matches, and Escape clears the box', async () => {
    await search(gmail.page, gmail.frame, 'zzz-no-such-thing');
    await gmail.frame.waitForSelector('::-p-text(Nothing found.)');
    await gmail.page.keyboard.press('Escape');
    expect(
      await gmail.frame.$eval('[data-testid="quick-search"]', (input) => (input as HTMLInputElement).value),
    ).toBe('');
    expect(gmail.pageErrors).toEqual([]);
  });
});
