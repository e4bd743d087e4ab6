import type { MailProvider } from '../shared/model/mini-schemas';
import { truncate } from './addresses';
import { type MailPageState, mailPageStateSchema } from './mail-page-state';

/**
 * One mail site's reader: what the page shows now, as a MailPageState. `read` is pure (it only
 * reads `document` and `url`), never throws and always returns a state that passes
 * `mailPageStateSchema`; anything it cannot make sense of becomes `unreadable` with a reason code.
 */
export type MailAdapter = {
  readonly provider: MailProvider;
  read(document: Document, url: string): MailPageState;
};

/** Thrown inside a reader to end it with `unreadable` and this reason (a selector key, never page content). */
export class UnreadableError extends Error {
  override name = 'UnreadableError';
  constructor(readonly reason: string) {
    super(reason);
  }
}

export function unreadable(provider: MailProvider, reason: string): MailPageState {
  return { status: 'unreadable', provider, reason: truncate(reason, 200) };
}

/** Wraps a reader so that exceptions and schema failures become `unreadable` instead of escaping. */
export function defineMailAdapter(
  provider: MailProvider,
  readPage: (document: Document, url: string) => MailPageState,
): MailAdapter {
  return {
    provider,
    read(document, url) {
      let state: MailPageState;
      try {
        state = readPage(document, url);
      } catch (error) {
        return unreadable(
          provider,
          error instanceof UnreadableError ? error.reason : `${provider}.exception`,
        );
      }
      const checked = mailPageStateSchema.safeParse(state);
      if (checked.success) return checked.data;
      // The path names fields and indexes only, never what the page contained.
      const path = checked.error.issues[0]?.path.map(String).join('.') ?? '';
      return unreadable(provider, `${provider}.invalid:${path}`);
    },
  };
}

/** Two states are the same when this is: it decides whether a new state is worth sending. */
export function mailPageStateKey(state: MailPageState): string {
  return JSON.stringify(state);
}

/**
 * A selector registry: each key (`'area.element'`) is a ranked list of fallbacks, tried one by
 * one (never joined with commas, which would return the first match in document order instead).
 */
export type SelectorRegistry<Key extends string> = Readonly<Record<Key, readonly string[]>>;

export type SelectorQueries<Key extends string> = {
  /** The first element the best-ranked matching selector finds. */
  queryFirst(root: ParentNode, key: Key): Element | null;
  /** Every element the best-ranked selector that matches anything finds. */
  queryAll(root: ParentNode, key: Key): Element[];
  /** The nearest ancestor-or-self the best-ranked selector finds. */
  closest(element: Element, key: Key): Element | null;
};

export function selectorQueries<Key extends string>(registry: SelectorRegistry<Key>): SelectorQueries<Key> {
  return {
    queryFirst(root, key) {
      for (const selector of registry[key]) {
        const found = root.querySelector(selector);
        if (found) return found;
      }
      return null;
    },
    queryAll(root, key) {
      for (const selector of registry[key]) {
        const found = root.querySelectorAll(selector);
        if (found.length > 0) return [...found];
      }
      return [];
    },
    closest(element, key) {
      for (const selector of registry[key]) {
        const found = element.closest(selector);
        if (found) return found;
      }
      return null;
    },
  };
}

const SKIPPED_TEXT_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE']);

/**
 * The visible text of `root` up to about `max` characters, whitespace collapsed, skipping subtrees
 * matching `exclude` (quoted history). Walks text nodes instead of cloning: a clone of hostile
 * markup would start loading its images in the page.
 */
export function textWithin(root: Element, max: number, exclude: readonly string[] = []): string {
  const document = root.ownerDocument;
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const excludeSelector = exclude.join(',');
  let text = '';
  let skipUnder: Element | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent) continue;
    if (skipUnder?.contains(parent)) continue;
    if (SKIPPED_TEXT_PARENTS.has(parent.tagName)) continue;
    if (excludeSelector) {
      const excluded = parent.closest(excludeSelector);
      if (excluded && root.contains(excluded)) {
        skipUnder = excluded;
        continue;
      }
    }
    text += ` ${node.nodeValue ?? ''}`;
    if (text.length > max * 2 + 64) break;
  }
  return text;
}
