/** What Gmail's URL says: which account slot, and which thread is open (if any). */
export type GmailLocation = {
  /** The N of /mail/u/N/ (0 when absent). */
  accountIndex: number;
  /** The thread token at the end of the hash (`FMfcgz…` or a legacy hex id), or null for lists. */
  threadToken: string | null;
};

/** Views whose trailing segment is never a thread. */
const NON_THREAD_VIEWS = new Set(['settings', 'compose', 'contacts', 'create-filter']);
const THREAD_TOKEN = /^[A-Za-z0-9_-]{16,200}$/;

export function parseGmailUrl(url: string): GmailLocation | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.hostname !== 'mail.google.com') return null;
  const slot = /^\/mail\/u\/(\d{1,2})(?:\/|$)/.exec(parsed.pathname);
  const accountIndex = slot ? Number(slot[1]) : 0;
  const hash = parsed.hash.replace(/^#/, '').split('?')[0] ?? '';
  const segments = hash.split('/').filter((segment) => segment.length > 0);
  const view = segments[0] ?? 'inbox';
  const last = segments.length > 1 ? (segments[segments.length - 1] as string) : null;
  const threadToken = last && !NON_THREAD_VIEWS.has(view) && THREAD_TOKEN.test(last) ? last : null;
  return { accountIndex, threadToken };
}

/** The URL that reopens a thread whatever view it was opened from. */
export function gmailThreadUrl(location: GmailLocation, threadToken: string): string {
  return `https://mail.google.com/mail/u/${location.accountIndex}/#inbox/${threadToken}`;
}
