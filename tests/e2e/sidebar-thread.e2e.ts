import { format, parseISO } from 'date-fns';
import type { Frame } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingViolations, describeViolations, runAxe } from './support/axe';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, dumpDatabase, putRecords } from './support/database';
import { emulateColorScheme } from './support/layout';
import { GMAIL, type OpenMailPage, openMailSite, waitForSidebarSummary } from './support/mail-pages';
import {
  person,
  readDealCards,
  setMailPageState,
  tabIdOfFrame,
  threadState,
  waitForDealTitles,
} from './support/mail-state';
import { sidebarCrm } from './support/sidebar-records';

async function expectAccessible(frame: Frame, where: string): Promise<void> {
  const blocking = blockingViolations(await runAxe(frame));
  expect(blocking, describeViolations(where, blocking)).toEqual([]);
}

const crm = sidebarCrm();
const ACME_THREAD = threadState({
  threadId: 'thread-acme',
  subject: 'Re: Quote for 200 seats',
  from: person('Chen Mei-Ling', 'MeiLing.Chen@acme.com.tw'.toLowerCase()),
  to: [person('王小明', 'rep@sensecloud.com.tw')],
  cc: [person('David Lin', 'david.lin@acme.com.tw'), person('Amy Chou', 'amy.chou@sensecloud.com.tw')],
});
const HONGDA_THREAD = threadState({
  threadId: 'thread-hongda',
  subject: 'MES 導入時程',
  from: person('林志明', 'cm.lin@hongda.com.tw'),
});
const UNKNOWN_THREAD = threadState({
  threadId: 'thread-newco',
  subject: 'Fwd: Pricing for 50 licences',
  from: person('Jason Wu 吳傑森', 'jason.wu@sales.newco.com.tw'),
  cc: [person('Ken Chang', 'ken.chang1988@gmail.com')],
});

describe('the sidebar beside an open thread', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  let tabId: number;
  const show = (state: Parameters<typeof setMailPageState>[2]) =>
    setMailPageState(session.worker, tabId, state);

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    await putRecords(session.worker, crm.records);
    gmail = await openMailSite(session, GMAIL);
    tabId = await tabIdOfFrame(gmail.frame);
  });
  afterAll(async () => {
    await session?.close();
  });

  it('with no thread open, says to open an email and shows the summary', async () => {
    await show({ status: 'no-thread', provider: 'gmail', account: 'rep@sensecloud.com.tw' });
    await gmail.frame.waitForSelector('[data-testid="no-thread"]');
    await waitForSidebarSummary(gmail.frame, [
      '3 contacts',
      '2 companies',
      '3 open deals',
      '0 pending reminders',
    ]);
    expect(await gmail.frame.$('[data-testid="quick-search"]')).not.toBeNull();
  });

  it('shows every open deal of the thread, best match first, with stage, amount, dates, owner and activities', async () => {
    await show(ACME_THREAD);
    await waitForDealTitles(gmail.frame, ['Acme: 200 seats', 'Acme: support renewal']);
    const [seats, renewal] = await readDealCards(gmail.frame);
    expect(seats).toMatchObject({
      company: 'Acme Trading',
      reasons: ['By email', 'By company domain'],
      stage: 'Stage 3 of 4: Proposal',
      amount: 'NT$1,200,000',
      owner: '王小明 Wang',
      overdue: 1,
    });
    expect(seats?.close).toBe(format(parseISO(crm.seats.expectedCloseDate ?? ''), 'PP'));
    expect(seats?.nextStep).toMatch(/^Send the revised quote due .+⚠ Overdue$/);
    // The newest three of four, newest first: the email, the call, the stage change.
    expect(seats?.activities).toHaveLength(3);
    expect(seats?.activities[0]).toMatch(/^✉ Email .+ Quote for 200 seats$/);
    expect(seats?.activities[1]).toMatch(/Call .+ Wants volume pricing$/);
    expect(seats?.activities[2]).toMatch(/Stage change .+ Qualified → Proposal$/);

    expect(renewal).toMatchObject({
      reasons: ['By company domain'],
      stage: 'Stage 4 of 4: Negotiation',
      amount: '$8,500',
      owner: 'A teammate',
      overdue: 1,
      activities: [],
    });
    expect(renewal?.close).toMatch(/Overdue$/);
    expect(await gmail.frame.$eval('.deals h2', (heading) => heading.textContent)).toBe('2 open deals');
    expect(await gmail.frame.$eval('.deals', (section) => section.textContent)).toContain(
      'Several deals match this email; the best match is first.',
    );
  });

  it('lists the people: contacts with their open deals, and the rep’s side folded away', async () => {
    const people = await gmail.frame.$$eval('[data-testid="person"]', (items) =>
      items.map((item) => ({ role: item.getAttribute('data-role'), text: item.textContent })),
    );
    expect(people).toEqual([
      { role: 'contact', text: expect.stringContaining('Purchasing Manager · Acme Trading · 1 open deal') },
      { role: 'contact', text: expect.stringContaining('David Lin') },
    ]);
    expect(
      await gmail.frame.$eval('[data-testid="internal-people"] summary', (summary) => summary.textContent),
    ).toBe('2 people on your side');
  });

  it('shows won and lost deals only when asked', async () => {
    expect(await gmail.frame.$('[data-testid="closed-deals"]')).toBeNull();
    await gmail.frame.click('::-p-text(Show won and lost)');
    await gmail.frame.waitForSelector('[data-testid="closed-deals"] [data-testid="deal-card"]');
    const closed = await readDealCards(gmail.frame, '[data-testid="closed-deals"] [data-testid="deal-card"]');
    expect(closed.map((deal) => [deal.title, deal.stage])).toEqual([['Acme: pilot', 'Won']]);
    await waitForDealTitles(gmail.frame, ['Acme: 200 seats', 'Acme: support renewal']);
    await expectAccessible(gmail.frame, 'sidebar, matched thread with closed deals');
  });

  it('follows the tab to another thread', async () => {
    await show(HONGDA_THREAD);
    await waitForDealTitles(gmail.frame, ['宏達 MES 系統導入']);
    const [mes] = await readDealCards(gmail.frame);
    expect(mes).toMatchObject({ stage: 'Stage 2 of 4: Qualified', amount: 'NT$3,600,000', overdue: 0 });
    expect(await gmail.frame.$('[data-testid="closed-deals"]')).toBeNull();
  });

  it('says so, and keeps search, when the email could not be read', async () => {
    await show({ status: 'unreadable', provider: 'gmail', reason: 'gmail.message.sender' });
    const note = await gmail.frame.waitForSelector('[data-testid="unreadable-note"]');
    expect(await note?.evaluate((element) => [element.getAttribute('role'), element.textContent])).toEqual([
      'status',
      expect.stringContaining('Couldn’t read this email'),
    ]);
    expect(await gmail.frame.$('.deals')).toBeNull();
    await gmail.frame.type('[data-testid="quick-search"]', 'acme');
    await gmail.frame.waitForSelector('::-p-text(Acme: 200 seats)');
    await gmail.frame.click('[data-testid="search-results"] ::-p-text(Acme: 200 seats)');
    const opened = await gmail.frame.waitForSelector(
      '[data-testid="opened-record"] [data-testid="deal-card"]',
    );
    expect(await opened?.evaluate((card) => card.querySelector('h3')?.textContent)).toBe('Acme: 200 seats');
    await expectAccessible(gmail.frame, 'sidebar, unreadable email with a search result open');
    await gmail.frame.click('[data-testid="close-opened"]');
    await gmail.frame.$eval('[data-testid="quick-search"]', (input) => {
      (input as HTMLInputElement).value = '';
    });
  });

  it('offers "Add contact" for an unknown sender, prefilled, and shows the contact once saved', async () => {
    await show(UNKNOWN_THREAD);
    const jason = '[data-testid="person"][data-address="jason.wu@sales.newco.com.tw"]';
    await gmail.frame.waitForSelector(`${jason}[data-role="unknown"]`);
    expect(await gmail.frame.$eval('.deals', (section) => section.textContent)).toContain('No open deals');
    await gmail.frame.click(`${jason} ::-p-text(Add contact)`);
    const form = `${jason} [data-testid="add-contact-form"]`;
    await gmail.frame.waitForSelector(form);
    const prefilled = await gmail.frame.$eval(form, (element) => ({
      inputs: [...element.querySelectorAll('input:not([type="radio"])')].map(
        (input) => (input as HTMLInputElement).value,
      ),
      companyChoice: (
        element.querySelector('input[type="radio"]:checked')?.nextElementSibling as HTMLElement | null
      )?.textContent,
    }));
    expect(prefilled).toEqual({
      inputs: ['Jason Wu 吳傑森', 'jason.wu@sales.newco.com.tw', '', 'Newco'],
      companyChoice: 'New company with the domain newco.com.tw',
    });
    await expectAccessible(gmail.frame, 'sidebar, add-contact form');

    // An empty name is refused with a message at the field, and nothing is stored.
    await gmail.frame.$eval(`${form} input`, (input) => (input as HTMLInputElement).select());
    await gmail.page.keyboard.press('Backspace');
    await gmail.frame.click(`${form} button[type="submit"]`);
    await gmail.frame.waitForSelector(`${form} [data-testid="field-error"]`);
    expect(await gmail.frame.$eval(`${form} [data-testid="field-error"]`, (error) => error.textContent)).toBe(
      'Enter a name of at most 200 characters.',
    );
    expect(await gmail.frame.$eval(`${form} input`, (input) => input.getAttribute('aria-invalid'))).toBe(
      'true',
    );
    expect((await dumpDatabase(session.worker)).contacts).toHaveLength(3);
    await expectAccessible(gmail.frame, 'sidebar, add-contact form with an error');

    await gmail.frame.type(`${form} input`, 'Jason Wu 吳傑森');
    await gmail.frame.click(`${form} button[type="submit"]`);
    await gmail.frame.waitForSelector(`${jason}[data-role="contact"]`, { timeout: 10_000 });
    const stored = await dumpDatabase(session.worker);
    const company = (stored.companies as { id: string; name: string; domains: string[] }[]).find(
      (candidate) => candidate.name === 'Newco',
    );
    expect(company?.domains).toEqual(['newco.com.tw']);
    expect(stored.contacts).toContainEqual(
      expect.objectContaining({
        name: 'Jason Wu 吳傑森',
        emails: ['jason.wu@sales.newco.com.tw'],
        companyId: company?.id,
      }),
    );
    expect(await gmail.frame.$eval(jason, (item) => item.textContent)).toContain('Newco · 0 open deals');
  });

  it('creates a deal for a free-mail sender, with the default pipeline’s first stage, owned by the rep', async () => {
    const ken = '[data-testid="person"][data-address="ken.chang1988@gmail.com"]';
    await gmail.frame.waitForSelector(`${ken}[data-role="unknown-freemail"]`);
    await gmail.frame.click(`${ken} ::-p-text(Create deal)`);
    const form = `${ken} [data-testid="create-deal-form"]`;
    await gmail.frame.waitForSelector(form);
    const title = await gmail.frame.$eval(`${form} input`, (input) => (input as HTMLInputElement).value);
    expect(title).toBe('Ken Chang – Pricing for 50 licences');
    const stage = await gmail.frame.$eval(`${form} select:not(:first-of-type), ${form} .field select`, () =>
      [...document.querySelectorAll('[data-testid="create-deal-form"] select')].map(
        (select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent,
      ),
    );
    expect(stage).toEqual(['TWD', 'Lead']);
    await gmail.frame.type(`${form} input[inputmode="decimal"]`, '450000');
    await gmail.frame.click(`${form} button[type="submit"]`);
    await waitForDealTitles(gmail.frame, ['Ken Chang – Pricing for 50 licences']);
    const stored = await dumpDatabase(session.worker);
    const deal = (stored.deals as Record<string, unknown>[]).find(
      (candidate) => candidate.title === 'Ken Chang – Pricing for 50 licences',
    );
    const leadStage = crm.pipeline.stages.find((candidate) => candidate.name === 'Lead');
    expect(deal).toMatchObject({
      amount: 450_000,
      currency: 'TWD',
      companyId: null,
      pipelineId: crm.pipeline.id,
      stageId: leadStage?.id,
      ownerId: crm.settings.user.id,
      status: 'open',
    });
    expect(stored.contacts).toContainEqual(expect.objectContaining({ emails: ['ken.chang1988@gmail.com'] }));
    const [shown] = await readDealCards(gmail.frame);
    expect(shown).toMatchObject({ stage: 'Stage 1 of 4: Lead', amount: 'NT$450,000', reasons: ['By email'] });
  });

  it('is accessible in dark mode too, and nothing went wrong on the page', async () => {
    await show(ACME_THREAD);
    await waitForDealTitles(gmail.frame, ['Acme: 200 seats', 'Acme: support renewal']);
    await emulateColorScheme(gmail.page, 'dark');
    await expectAccessible(gmail.frame, 'sidebar, matched thread, dark');
    await emulateColorScheme(gmail.page, 'light');
    expect(gmail.pageErrors).toEqual([]);
  });
});
