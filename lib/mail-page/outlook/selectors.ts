import { type SelectorRegistry, selectorQueries } from '../adapter';

/**
 * Every Outlook on the web selector Dealside uses, each an ordered list of fallbacks (best first).
 * Outlook's class names are build-hashed, so nothing here uses them; aria-labels are localized, so
 * English labels only ever come after a structural selector (ids, data-* attributes, roles).
 * Every key is matched by a fixture in tests/fixtures/mail (lib/mail-page/selectors.test.ts checks it).
 */
export const OUTLOOK_SELECTORS = {
  // 2026-11-26, three-pane view: the open conversation.
  'pane.conversation': [
    '#ConversationReadingPaneContainer',
    '[data-app-section="ConversationContainer"]',
    '[data-app-section="MailReadingPaneContainer"]',
  ],
  // 2026-11-26, /mail/deeplink/read/<id> and ?ItemID=: one message, no list, no role=main.
  'pane.item': ['#ItemReadingPaneContainer', '[data-app-section="ItemReadingPaneContainer"]'],
  // 2026-11-26, reading pane: the subject, outside every message.
  'pane.subject': [
    'span[role="heading"]',
    'div[role="heading"][aria-level="2"]',
    '[data-app-section="SubjectLine"]',
  ],
  // 2026-11-26, message list: the open conversation's row (several rows carry data-convid).
  'list.selectedRow': ['[aria-selected="true"][data-convid]', '[aria-selected="true"] [data-convid]'],
  // 2026-11-26, each message's date; its id ends in _DATETIME and starts with a per-message prefix.
  'message.date': ['[id$="_DATETIME"]', '[data-testid="SentReceivedSavedTime"]'],
  // 2026-11-26, a message container, by label: only used when no date anchors are found.
  'message.container': ['[aria-label="Email message"]', '[aria-label="電子郵件訊息"]', '[aria-label="邮件"]'],
  // 2026-11-26, message header: the sender line ("Name <address>", address also in title). Labels are
  // localized; without a known label the header's first persona is the sender (read-outlook.ts).
  'message.from': ['[aria-label^="From:"]', '[aria-label^="寄件者"]', '[aria-label^="发件人"]'],
  // 2026-11-26, message header: the To line, one persona per recipient.
  'message.to': ['[aria-label^="To:"]', '[aria-label^="收件者"]', '[aria-label^="收件人"]'],
  // 2026-11-26, message header: the Cc line.
  'message.cc': ['[aria-label^="Cc:"]', '[aria-label^="副本"]', '[aria-label^="抄送"]'],
  // 2026-11-26, inside a from/to/cc line: a persona whose title is its address.
  'message.persona': ['span[title*="@"]', 'button[title*="@"]', '[data-lpc-hover-target-id]'],
  // 2026-11-26, expanded message body.
  'message.body': ['[role="document"]', '[aria-label="Message body"]'],
  // 2026-11-26, work accounts: the account manager button names the address in its aria-label.
  'account.me': ['#O365_MainLink_Me', '#mectrl_main_trigger', '#mectrl_currentAccount_secondary'],
  // 2026-11-26, consumer (live.com) accounts: the folder tree's root item is titled with the address.
  'account.folderRoot': ['[role="tree"] [role="treeitem"][title*="@"]', '[role="tree"] [title*="@"]'],
} as const satisfies SelectorRegistry<string>;

export type OutlookSelectorKey = keyof typeof OUTLOOK_SELECTORS;

/** Quoted history inside a body (a union: one comma-joined selector is right here). */
export const OUTLOOK_QUOTED_TEXT = ['#divRplyFwdMsg', '#appendonsend', 'blockquote', '.gmail_quote'];

/**
 * 2026-11-26: where quoted history starts in a body. Outlook puts the quoted mail after its reply
 * header as siblings, not inside it, so everything from the first of these on is history.
 */
export const OUTLOOK_QUOTED_HISTORY_START = ['#appendonsend', '#divRplyFwdMsg'];

export const outlook = selectorQueries<OutlookSelectorKey>(OUTLOOK_SELECTORS);
