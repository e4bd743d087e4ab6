import { truncate, UNSAFE_CHARACTERS } from './addresses';

/**
 * How much body text one request may carry. Per message: what an email activity stores
 * (MAX_LOGGED_BODY_LENGTH in lib/extension/email-log/log-email.ts). Per request: keeps one runtime message
 * well below the browsers' message size limits even for a 500-message thread.
 */
export const BODY_LIMITS = { perMessage: 1_000_000, perRequest: 4_000_000, messages: 500 } as const;

/**
 * Where a message's own text ends. `exclude`: subtrees that are quoted history (skipped).
 * `stopAt`: markers after which everything is history (Outlook puts the quoted mail after them, as
 * siblings, not inside a wrapper).
 */
export type QuotedHistory = { exclude: readonly string[]; stopAt?: readonly string[] };

/** A message element as the adapter identifies it, with the id it gives `MailMessage.providerMessageId`. */
export type IdentifiedMessage = { providerMessageId: string; element: Element };

/** An adapter's body reader: plain-text bodies of the wanted messages that the page shows expanded. */
export type MailBodyReader = (
  document: Document,
  providerMessageIds: readonly string[],
  url: string,
) => Map<string, string>;

// Never text the reader saw: code, styles, and what the page hides.
const SKIPPED_ELEMENTS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'iframe',
  'object',
  'svg',
  'math',
]);
const BLOCK_ELEMENTS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'center',
  'dd',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'pre',
  'section',
  'table',
  'tr',
  'ul',
]);
// Blank line around these, as a mail client renders them.
const PARAGRAPH_ELEMENTS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HIDDEN_STYLE = /display\s*:\s*none|visibility\s*:\s*hidden/i;
const COLLAPSIBLE_WHITESPACE = /[ \t\n\r\f]+/g;

function isHidden(element: Element): boolean {
  return (
    SKIPPED_ELEMENTS.has(element.localName) ||
    element.hasAttribute('hidden') ||
    HIDDEN_STYLE.test(element.getAttribute('style') ?? '')
  );
}

function breaksAround(element: Element): number {
  if (PARAGRAPH_ELEMENTS.has(element.localName)) return 2;
  return BLOCK_ELEMENTS.has(element.localName) ? 1 : 0;
}

/**
 * The text of `root` as a reader sees it: whitespace collapsed as HTML renders it, a line break
 * between blocks and at <br>, tabs between table cells, no markup. Walks the nodes in place and
 * iteratively (a clone of hostile markup would load its images; recursion would overflow on deep
 * nesting), and stops once `max` characters are gathered.
 */
export function plainTextOf(root: Element, max: number, quoted: QuotedHistory = { exclude: [] }): string {
  const excludeSelector = quoted.exclude.join(',');
  const stopSelector = quoted.stopAt?.join(',') ?? '';
  let text = '';
  let owedBreaks = 0;
  let preDepth = 0;

  const endsInWhitespace = () => {
    const last = text[text.length - 1];
    return last === ' ' || last === '\n' || last === '\t';
  };
  const trailingBreaks = () => {
    let count = 0;
    while (count < 2 && text[text.length - 1 - count] === '\n') count += 1;
    return count;
  };
  const requireBreaks = (count: number) => {
    if (count > 0 && text.length > 0) owedBreaks = Math.max(owedBreaks, count - trailingBreaks());
  };
  const write = (chunk: string) => {
    if (owedBreaks > 0) {
      text += '\n'.repeat(owedBreaks);
      owedBreaks = 0;
    }
    text += chunk;
  };
  const writeText = (raw: string) => {
    // A single 10 MB text node is cut before any regex runs over it.
    const bounded =
      raw.length > (max - text.length) * 2 + 64 ? raw.slice(0, (max - text.length) * 2 + 64) : raw;
    let chunk = preDepth > 0 ? bounded : bounded.replace(COLLAPSIBLE_WHITESPACE, ' ');
    if (preDepth === 0 && (text.length === 0 || owedBreaks > 0 || endsInWhitespace())) {
      chunk = chunk.replace(/^ /, '');
    }
    if (chunk) write(chunk);
  };
  const enter = (element: Element) => {
    if (element.localName === 'pre') preDepth += 1;
    if (element.localName === 'br') write('\n');
    requireBreaks(breaksAround(element));
  };
  const leave = (element: Element) => {
    if (element.localName === 'pre') preDepth -= 1;
    const cell = element.localName === 'td' || element.localName === 'th';
    if (cell && text.length > 0 && owedBreaks === 0 && !endsInWhitespace()) write('\t');
    requireBreaks(breaksAround(element));
  };
  /** The node after `node` in document order, leaving the elements it climbs out of. */
  const nextAfter = (node: Node): Node | null => {
    let current: Node | null = node;
    while (current && current !== root) {
      if (current.nextSibling) return current.nextSibling;
      current = current.parentNode;
      if (current && current !== root) leave(current as Element);
    }
    return null;
  };

  let node: Node | null = root.firstChild;
  while (node && text.length <= max) {
    if (node.nodeType === 3 /* Node.TEXT_NODE */) {
      writeText(node.nodeValue ?? '');
    } else if (node.nodeType === 1 /* Node.ELEMENT_NODE */) {
      const element = node as Element;
      if (stopSelector && element.matches(stopSelector)) break;
      if (!isHidden(element) && !(excludeSelector && element.matches(excludeSelector))) {
        enter(element);
        if (element.firstChild) {
          node = element.firstChild;
          continue;
        }
        leave(element);
      }
    }
    node = nextAfter(node);
  }
  const cleaned = text
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return truncate(cleaned, max).trimEnd();
}

/**
 * A message's own text: quoted history left out, since every message of the thread is logged on
 * its own and would otherwise be stored again in each reply. A body that is nothing but quoted
 * history (a forward without a comment) is kept whole, or it would be logged empty.
 */
export function messageBodyText(body: Element, quoted: QuotedHistory): string {
  return plainTextOf(body, BODY_LIMITS.perMessage, quoted) || plainTextOf(body, BODY_LIMITS.perMessage);
}

/**
 * The bodies of the wanted messages, by provider message id. A message the page shows without its
 * body (collapsed) is absent, and so is one that no longer fits the request's total, so that the
 * sidebar can tell the rep which bodies it did not get instead of storing a cut one.
 */
export function collectBodies(
  messages: readonly IdentifiedMessage[],
  providerMessageIds: readonly string[],
  bodyOf: (message: Element) => Element | null,
  quoted: QuotedHistory,
): Map<string, string> {
  const wanted = new Set(providerMessageIds);
  const bodies = new Map<string, string>();
  let total = 0;
  for (const { providerMessageId, element } of messages) {
    if (!wanted.has(providerMessageId) || bodies.has(providerMessageId)) continue;
    const body = bodyOf(element);
    if (!body) continue;
    const text = messageBodyText(body, quoted);
    if (total + text.length > BODY_LIMITS.perRequest) continue;
    total += text.length;
    bodies.set(providerMessageId, text);
  }
  return bodies;
}
