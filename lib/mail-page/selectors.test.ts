import { afterAll, describe, expect, it } from 'vitest';
import { hostileGmailHtml, hostileOutlookHtml } from '../../tests/fixtures/mail/hostile-pages';
import { fixtureHtml, loadMailPage } from '../../tests/fixtures/mail/load-fixture';
import { FIXTURE_URLS, GMAIL_FIXTURES, OUTLOOK_FIXTURES } from '../../tests/fixtures/mail/urls';
import { GMAIL_SELECTORS } from './gmail/selectors';
import { OUTLOOK_SELECTORS } from './outlook/selectors';

type Page = ReturnType<typeof loadMailPage>;
const pages: Page[] = [];
afterAll(async () => {
  await Promise.all(pages.map((page) => page.close()));
});

function load(names: readonly (keyof typeof FIXTURE_URLS)[]): [string, Document][] {
  return names.map((name) => {
    const page = loadMailPage(fixtureHtml(name), FIXTURE_URLS[name]);
    pages.push(page);
    return [name, page.document];
  });
}

/**
 * Every registry key must be matched by at least one dated fixture, and its first (preferred)
 * selector too: a key no fixture exercises is a selector nobody has seen work.
 */
function checkRegistry(
  registry: Readonly<Record<string, readonly string[]>>,
  documents: [string, Document][],
) {
  for (const [key, selectors] of Object.entries(registry)) {
    it(`${key}: its preferred selector matches a fixture`, () => {
      const [preferred] = selectors;
      expect(preferred, `${key} has no selectors`).toBeDefined();
      const matching = documents.filter(([, document]) => document.querySelector(preferred as string));
      expect(
        matching.map(([name]) => name),
        `${key} → ${preferred}`,
      ).not.toEqual([]);
    });
    it(`${key}: lists fallbacks one by one, never comma-joined`, () => {
      for (const selector of selectors) expect(selector.split(',').length, selector).toBe(1);
    });
  }
}

describe('Gmail selector registry coverage', () => {
  checkRegistry(GMAIL_SELECTORS, load(GMAIL_FIXTURES));
});

describe('Outlook selector registry coverage', () => {
  checkRegistry(OUTLOOK_SELECTORS, load(OUTLOOK_FIXTURES));
});

describe('the hostile pages use the same markup', () => {
  it('match the core selectors of each site', () => {
    const gmail = loadMailPage(hostileGmailHtml(), 'https://mail.google.com/mail/u/0/#inbox/x');
    const outlook = loadMailPage(hostileOutlookHtml(), 'https://outlook.office.com/mail/');
    pages.push(gmail, outlook);
    expect(gmail.document.querySelectorAll('div.adn[data-legacy-message-id]').length).toBe(480);
    expect(outlook.document.querySelectorAll('[id$="_DATETIME"]').length).toBe(480);
  });
});
