import type { SyncError } from '../../mail-page/messaging/sync-messages';
import type { Language, Translate } from '../i18n/translate';

/** The server's origin for messages like "Could not reach https://sync.acme.com.tw". */
function originOf(serverUrl: string | null): string {
  if (!serverUrl) return '';
  try {
    return new URL(serverUrl).origin;
  } catch {
    return serverUrl;
  }
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * "2 minutes ago", "in 30 seconds", "just now" (or 2 分鐘前 …), in the page's language. Pages
 * re-render each minute, so a past time under a minute old is "just now" rather than a count of
 * seconds that would stand still on screen.
 */
export function relativeTime(at: number, now: number, language: Language, t: Translate): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const difference = at - now;
  const size = Math.abs(difference);
  if (size < MINUTE)
    return difference <= 0 ? t('sync.justNow') : format.format(Math.round(difference / 1_000), 'second');
  if (size < HOUR) return format.format(Math.round(difference / MINUTE), 'minute');
  if (size < DAY) return format.format(Math.round(difference / HOUR), 'hour');
  return format.format(Math.round(difference / DAY), 'day');
}

/**
 * A sync failure in the rep's words: the client layer's codes (SYNC_ERROR_CODES in
 * client/sync-tables.ts) and the background's own (permission-denied, invalid-url, not-connected); anything
 * else shows the server's own sentence.
 */
export function syncErrorText(error: SyncError, serverUrl: string | null, t: Translate): string {
  const origin = originOf(serverUrl);
  switch (error.code) {
    case 'permission-denied':
      return t('sync.error.permissionDenied', { origin: origin || error.message });
    case 'network':
      return t('sync.error.unreachable', { origin });
    case 'invalid-url':
      return t('sync.problem.invalid');
    case 'unauthorized':
      return t('sync.error.invalidToken');
    case 'forbidden':
      return t('sync.error.forbidden');
    case 'invalid-response':
      return t('sync.error.invalidResponse');
    case 'clock-ahead':
      return t('sync.error.clockAhead');
    case 'rate-limited':
      return t('sync.error.rateLimited');
    case 'not-connected':
      return t('sync.error.notConnected');
    case 'server':
      return t('sync.error.server', { message: error.message || error.code });
    default:
      return t('sync.error.other', { message: error.message || error.code });
  }
}

/**
 * Failures that retrying alone will not fix: the rep (or their admin) must act. The others (the
 * network, a busy or failing server, a mutation gap the next round resends) clear up by themselves.
 */
export const FAILURES_NEEDING_THE_REP: ReadonlySet<string> = new Set([
  'unauthorized',
  'forbidden',
  'clock-ahead',
  'invalid-response',
  'rejected',
  'local',
  'permission-denied',
]);

export type SyncIndicatorInput = {
  connected: boolean;
  serverUrl: string | null;
  lastSyncAt: number | null;
  pendingChanges: number;
  error: SyncError | null;
  nextAttemptAt: number | null;
};

export type SyncIndicator =
  | { tone: 'hidden' }
  /** Green: everything sent and received. */
  | { tone: 'synced'; words: string }
  /** Amber: changes waiting, the first sync running, or a retry scheduled after a failure. */
  | { tone: 'pending'; words: string }
  /** Red: sync cannot succeed until the rep does something (a refused token, a wrong clock…). */
  | { tone: 'error'; words: string };

/** The sidebar's status dot: its colour and the state in words (its label and tooltip). */
export function syncIndicator(
  status: SyncIndicatorInput,
  now: number,
  language: Language,
  t: Translate,
): SyncIndicator {
  if (!status.connected) return { tone: 'hidden' };
  if (status.error) {
    const reason = syncErrorText(status.error, status.serverUrl, t);
    if (FAILURES_NEEDING_THE_REP.has(status.error.code) || status.nextAttemptAt === null) {
      return { tone: 'error', words: t('syncDot.error', { reason }) };
    }
    return {
      tone: 'pending',
      words: t('syncDot.retrying', {
        reason,
        count: status.pendingChanges,
        when: relativeTime(Math.max(status.nextAttemptAt, now), now, language, t),
      }),
    };
  }
  if (status.pendingChanges > 0) {
    return { tone: 'pending', words: t('syncDot.pending', { count: status.pendingChanges }) };
  }
  if (status.lastSyncAt === null) return { tone: 'pending', words: t('syncDot.firstSync') };
  // The page's clock ticks each minute, so it may lag a sync that just happened.
  const when = relativeTime(status.lastSyncAt, Math.max(now, status.lastSyncAt), language, t);
  return { tone: 'synced', words: t('syncDot.synced', { when }) };
}
