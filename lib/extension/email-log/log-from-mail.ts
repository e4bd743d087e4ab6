import type { OpenThread } from '../../mail-page/mail-page-state';
import type {
  ComposeMatchRequest,
  MailLogOutcome,
  MailLogResponse,
} from '../../mail-page/messaging/mail-log-messages';
import type { Handlers } from '../../mail-page/messaging/receive';
import type { MailParticipant, Settings } from '../../shared/model';
import { compileNeverLog } from '../../shared/model/never-log';
import type { DealsideDatabase } from '../db/database';
import { matchOpenThread } from '../matching/match-open-thread';
import { type LogEmailResult, logEmails, openMessageOf } from './log-email';

export type MailLogSettings = Pick<Settings, 'neverLog' | 'ownDomains' | 'user'>;

/**
 * Should the compose's "Log to deal" toggle start on? Yes when the recipients match an open deal
 * and none of them is on the never-log list (a toggle that starts on only to be refused misleads).
 */
export async function recipientsMatchOpenDeal(
  database: DealsideDatabase,
  request: ComposeMatchRequest,
  settings: MailLogSettings,
): Promise<boolean> {
  if (request.recipients.length === 0) return false;
  const matchNeverLog = compileNeverLog(settings.neverLog);
  if (request.recipients.some((recipient) => matchNeverLog(recipient.address) !== null)) return false;
  const match = await matchOpenThread(database, composeContext(request), settings);
  return match.deals.length > 0;
}

/** Matching reads only the account and the participants; a compose has no ids yet. */
function composeContext({ account, recipients }: ComposeMatchRequest): OpenThread {
  return {
    provider: 'gmail',
    account,
    threadId: 'compose',
    subject: '',
    threadUrl: 'https://mail.google.com/',
    messages: [
      {
        providerMessageId: 'compose',
        rfcMessageId: null,
        from: null,
        to: recipients,
        cc: [],
        date: null,
        snippet: '',
      },
    ],
  };
}

/**
 * Logs the context's newest message (the thread's open message, or the message just sent) on the
 * best-matching open deal: the one the sidebar lists first and preselects (lib/extension/matching orders
 * deals with a correspondent among their contacts first, then by more matched contacts, both
 * reasons, soonest close, larger amount, and id, so equal matches always pick the same deal).
 * The whole thread is matched, as the sidebar does, so both agree on the best deal. The other
 * matching deals are only counted, for the notice to send the rep to the sidebar.
 *
 * `logEmails` keeps the exactly-once and never-log rules; `bcc` (compose only, never stored) is
 * checked against the never-log list here, and so is every participant, before any database read,
 * so a refused message is reported as refused even when no deal matches.
 */
export async function logNewestOnBestDeal(
  database: DealsideDatabase,
  context: OpenThread,
  settings: MailLogSettings,
  bcc: readonly MailParticipant[] = [],
  now: number = Date.now(),
): Promise<MailLogResponse> {
  const message = openMessageOf(context);
  if (!message) return { outcome: 'incomplete', otherDeals: 0 };
  const matchNeverLog = compileNeverLog(settings.neverLog);
  const participants = [message.from, ...message.to, ...message.cc, ...bcc];
  if (participants.some((participant) => participant && matchNeverLog(participant.address) !== null)) {
    return { outcome: 'refused', otherDeals: 0 };
  }
  const match = await matchOpenThread(database, context, settings);
  const best = match.deals[0];
  if (!best) return { outcome: 'no-deal', otherDeals: 0 };
  const result = await logEmails(
    database,
    {
      dealId: best.deal.id,
      context,
      providerMessageIds: [message.providerMessageId],
      authorId: settings.user.id,
      neverLog: settings.neverLog,
    },
    now,
  );
  return { outcome: outcomeOf(result), otherDeals: match.deals.length - 1 };
}

function outcomeOf(result: LogEmailResult): MailLogOutcome {
  if (result.logged.length > 0) return 'logged';
  if (result.alreadyLogged > 0) return 'already-logged';
  if (result.refused.length > 0) return 'refused';
  return 'incomplete';
}

/** The background's handlers for Gmail's compose and thread toolbar (lib/mail-page/inboxsdk/log-from-gmail.ts). */
export function mailLogHandlers(
  database: DealsideDatabase,
  loadSettings: () => Promise<MailLogSettings>,
): Pick<Handlers<'background'>, 'compose.matchDeal' | 'compose.sent' | 'thread.logNewest'> {
  return {
    'compose.matchDeal': async (request) => ({
      matched: await recipientsMatchOpenDeal(database, request, await loadSettings()),
    }),
    'compose.sent': async ({ context, bcc }) =>
      logNewestOnBestDeal(database, context, await loadSettings(), bcc),
    'thread.logNewest': async ({ context }) => logNewestOnBestDeal(database, context, await loadSettings()),
  };
}
