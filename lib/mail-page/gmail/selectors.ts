import { type SelectorRegistry, selectorQueries } from '../adapter';

/**
 * Every Gmail selector Dealside uses, each an ordered list of fallbacks (best first). Gmail's short
 * class names (hP, adn, gD, g2, g3, a3s) are obfuscated but have been stable for years and are what
 * every Gmail extension reads; each list adds attribute-based fallbacks for when they rotate.
 * Every key is matched by a fixture in tests/fixtures/mail (lib/mail-page/selectors.test.ts checks it).
 */
export const GMAIL_SELECTORS = {
  // 2026-11-26, thread view: the subject heading carries the thread ids.
  'thread.subject': ['h2.hP', 'h2[data-thread-perm-id]', 'h2[data-legacy-thread-id]'],
  // 2026-11-26, thread view: data-legacy-thread-id (hex) and data-thread-perm-id ("thread-f:…").
  'thread.ids': ['h2.hP[data-legacy-thread-id]', '[data-legacy-thread-id]', '[data-thread-perm-id]'],
  // 2026-11-26, thread view: every message, expanded (div.h7 > div.adn) or collapsed (div.kv / div.kQ).
  'thread.message': [
    'div.adn[data-legacy-message-id]',
    'div[data-legacy-message-id]',
    'div[data-message-id]',
  ],
  // 2026-11-26, thread view: an inline reply/forward being written; never a message.
  'thread.compose': ['div.M9', 'div.ip.adB', 'div[role="region"] form', 'div[g_editable="true"]'],
  // 2026-11-26, message header: the sender's chip, with email and name attributes.
  'message.sender': [
    'span.gD[email]',
    'h3.iw span[email]',
    'span.zF[email]',
    'span.yP[email]',
    'span[email][name][data-hovercard-id]',
  ],
  // 2026-11-26, expanded message header: the "to me, Amy" line; collapsed messages have none.
  'message.recipientLine': ['span.hb', 'div.hb', 'div.ajw'],
  // 2026-11-26, inside the recipient line: one chip per recipient.
  'message.recipient': ['span.g2[email]', 'span[email]'],
  // 2026-11-26, the details table opened by "show details": rows of label + chips, cc separate.
  'message.detailsRow': ['table.ajC tr.ajv', 'div.ajA tr'],
  // 2026-11-26, the date, its full local date in the title attribute (collapsed messages too).
  'message.date': ['span.g3[title]', 'td.gH span[title]', 'span[alt][title]'],
  // 2026-11-26, expanded message body.
  'message.body': ['div.a3s', 'div.ii.gt', 'div[data-message-id] div[dir="ltr"]'],
  // 2026-11-26, collapsed message: Gmail's one-line snippet instead of a body.
  'message.snippet': ['div.iA.g6', 'span.g6', 'div.g6'],
  // 2026-11-26, the account switcher link; its aria-label names the signed-in address.
  'account.button': [
    'a[href^="https://accounts.google.com/SignOutOptions"][aria-label]',
    '[aria-label^="Google Account:"]',
    'header [aria-label*="@"]',
  ],
} as const satisfies SelectorRegistry<string>;

export type GmailSelectorKey = keyof typeof GMAIL_SELECTORS;

/** Quoted history inside a body: union, not ranking, so one comma-joined selector is right here. */
export const GMAIL_QUOTED_TEXT = ['.gmail_quote', 'blockquote', '.gmail_extra', 'div.yj6qo', 'div.adL'];

export const gmail = selectorQueries<GmailSelectorKey>(GMAIL_SELECTORS);
