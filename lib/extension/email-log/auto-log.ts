import type { OpenThread } from '../../mail-page/mail-page-state';
import type { Settings } from '../../shared/model';
import { normalizeAddress } from '../../shared/model/address';
import type { DealsideDatabase } from '../db/database';
import { matchOpenThread } from '../matching/match-open-thread';
import { type LogEmailResult, logEmails } from './log-email';

export type AutoLogOutcome = { dealId: string; result: LogEmailResult };

/**
 * The auto-log rule (off by default): when a thread is opened, every message exchanged with a
 * contact of an open deal is logged on that deal. Only contacts count, not company domains: a
 * colleague of the customer writing about something else must not land on the deal. Each deal is
 * one `logEmails` action, so the exactly-once and never-log rules are the same as a click's.
 */
export async function autoLogThread(
  database: DealsideDatabase,
  context: OpenThread,
  settings: Pick<Settings, 'autoLogOpenDeals' | 'neverLog' | 'ownDomains' | 'user'>,
  now: number = Date.now(),
): Promise<AutoLogOutcome[]> {
  if (!settings.autoLogOpenDeals) return [];
  const match = await matchOpenThread(database, context, settings);
  const outcomes: AutoLogOutcome[] = [];
  for (const matched of match.deals) {
    if (!matched.reasons.includes('contact-email')) continue;
    const contactKeys = new Set(
      matched.contacts
        .filter((contact) => matched.matchedContactIds.includes(contact.id))
        .flatMap((contact) => contact.emails.map(normalizeAddress)),
    );
    const messageIds = context.messages
      .filter((message) =>
        [message.from, ...message.to, ...message.cc].some(
          (participant) => participant !== null && contactKeys.has(normalizeAddress(participant.address)),
        ),
      )
      .map((message) => message.providerMessageId);
    if (messageIds.length === 0) continue;
    const result = await logEmails(
      database,
      {
        dealId: matched.deal.id,
        context,
        providerMessageIds: messageIds,
        authorId: settings.user.id,
        neverLog: settings.neverLog,
      },
      now,
    );
    outcomes.push({ dealId: matched.deal.id, result });
  }
  return outcomes;
}
