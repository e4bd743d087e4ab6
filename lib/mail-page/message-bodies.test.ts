import { afterEach, describe, expect, it } from 'vitest';
import { loadMailPage } from '../../tests/fixtures/mail/load-fixture';
import { escapeHtml } from '../../tests/fixtures/mail/markup';
import { BODY_LIMITS, collectBodies, messageBodyText, plainTextOf } from './message-bodies';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

function pageWith(bodyHtml: string): Document {
  const page = loadMailPage(`<!doctype html><html><body>${bodyHtml}</body></html>`, 'https://example.com/');
  closers.push(page.close);
  return page.document;
}

function textOf(bodyHtml: string, max = 1_000): string {
  return plainTextOf(pageWith(`<div id="root">${bodyHtml}</div>`).getElementById('root') as Element, max);
}

describe('plainTextOf', () => {
  it('keeps line breaks between blocks and at <br>, one blank line around paragraphs', () => {
    expect(
      textOf('Hi Rep,<div><br></div><div>Could you send   the\n quote?</div><div>Thanks,<br>Mei-Ling</div>'),
    ).toBe('Hi Rep,\n\nCould you send the quote?\nThanks,\nMei-Ling');
    expect(textOf('<p>One</p><p>Two</p><ul><li>a</li><li>b</li></ul>')).toBe('One\n\nTwo\n\na\nb');
    expect(
      textOf('<table><tr><td>Seats</td><td>200</td></tr><tr><td>Price</td><td>NT$1,200</td></tr></table>'),
    ).toBe('Seats\t200\nPrice\tNT$1,200');
    expect(textOf('<pre>line 1\n  indented</pre>after')).toBe('line 1\n  indented\nafter');
  });

  it('leaves out code, styles and what the page hides', () => {
    expect(
      textOf(
        'Visible<script>alert(1)</script><style>.a{}</style><span hidden>h1</span><div style="display: none">h2</div> text',
      ),
    ).toBe('Visible text');
  });

  it('gives hostile markup back as text and changes nothing in the page', () => {
    const payloads = '<img src=x onerror="window.__pwned=1"> "><script>window.__pwned=1</script>';
    const document = pageWith(
      `<div id="root"><div>${escapeHtml(payloads)}</div><img src="x" onerror="window.__pwned=1"><script>window.__pwned=1</script></div>`,
    );
    const elementsBefore = document.querySelectorAll('*').length;
    expect(plainTextOf(document.getElementById('root') as Element, 1_000)).toBe(payloads);
    expect(document.querySelectorAll('*').length).toBe(elementsBefore);
  });

  it('removes bidi overrides and control characters but keeps right-to-left text', () => {
    expect(textOf('\u202eevil\u202c שלום\u0007')).toBe('evil שלום');
  });

  it('stops at `max` characters without splitting a surrogate pair', () => {
    expect(textOf(`ab${'😀'.repeat(10)}`, 5)).toBe('ab😀');
  });
});

describe('messageBodyText', () => {
  const quoted = { exclude: ['.gmail_quote', 'blockquote'], stopAt: ['#divRplyFwdMsg'] };

  it('leaves quoted history out: wrapped quotes, and everything after a reply header', () => {
    const document = pageWith(
      '<div id="root">Mine<blockquote>quoted</blockquote><div class="gmail_quote">older</div><div id="divRplyFwdMsg">From: x</div><div>their mail</div></div>',
    );
    expect(messageBodyText(document.getElementById('root') as Element, quoted)).toBe('Mine');
  });

  it('keeps a body that is nothing but quoted history whole (a forward without a comment)', () => {
    const document = pageWith('<div id="root"><div class="gmail_quote">Forwarded text</div></div>');
    expect(messageBodyText(document.getElementById('root') as Element, quoted)).toBe('Forwarded text');
  });
});

describe('collectBodies', () => {
  function messages(document: Document) {
    return [...document.querySelectorAll('[data-id]')].map((element) => ({
      providerMessageId: element.getAttribute('data-id') ?? '',
      element,
    }));
  }
  const bodyOf = (element: Element) => element.querySelector('.body');
  const noQuotes = { exclude: [] };

  it('returns only wanted messages that show a body; the first of duplicate ids wins', () => {
    const document = pageWith(
      '<div data-id="a"><div class="body">A</div></div><div data-id="b">collapsed</div><div data-id="c"><div class="body">C</div></div><div data-id="a"><div class="body">A again</div></div>',
    );
    expect(collectBodies(messages(document), ['a', 'b', 'x'], bodyOf, noQuotes)).toEqual(
      new Map([['a', 'A']]),
    );
  });

  it('caps each body at 1,000,000 characters and leaves out bodies over the 4,000,000 total', () => {
    const full = 'x'.repeat(BODY_LIMITS.perMessage + 10);
    const document = pageWith(
      ['a', 'b', 'c', 'd', 'e', 'f']
        .map((id) => `<div data-id="${id}"><div class="body">${id === 'f' ? 'small' : full}</div></div>`)
        .join(''),
    );
    const bodies = collectBodies(messages(document), ['a', 'b', 'c', 'd', 'e', 'f'], bodyOf, noQuotes);
    expect([...bodies.keys()]).toEqual(['a', 'b', 'c', 'd']);
    for (const body of bodies.values()) expect(body.length).toBe(BODY_LIMITS.perMessage);
  });
});
