import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { removeActivities } from '@/lib/extension/db/activities-write';
import { openDatabase } from '@/lib/extension/db/database';
import {
  DealGoneError,
  type LogEmailResult,
  logEmails,
  openMessageOf,
} from '@/lib/extension/email-log/log-email';
import { readMessageBodies } from '@/lib/extension/messaging/read-message-bodies';
import { loggedMessagesQuery } from '@/lib/extension/queries/sidebar-queries';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Deal, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';

type Scope = 'open' | 'thread';

/** `bodies` given: the rep chose to log with what the page gave (or without bodies); no new read. */
type LogRequest = { scope: Scope; bodies?: ReadonlyMap<string, string> };

type Outcome =
  | { kind: 'result'; scope: Scope; result: LogEmailResult }
  | { kind: 'bodiesMissing'; scope: Scope; bodies: ReadonlyMap<string, string>; missing: number }
  | { kind: 'undone' }
  | { kind: 'failed'; dealGone: boolean };

/** The bodies the mail tab shows; none when there is no tab or it does not answer (the rep is asked). */
function bodiesFromPage(tabId: number | null, providerMessageIds: readonly string[]) {
  if (tabId === null) return Promise.resolve(new Map<string, string>());
  return readMessageBodies(tabId, providerMessageIds).catch(() => new Map<string, string>());
}

/**
 * "Log email" on one deal: the open message in one click, or every message of the thread. Shows
 * "Logged" for what the deal already holds, offers undo right after, and says why anything was not
 * logged (never-log list, messages the page did not show fully). With body logging on, the bodies
 * are read from the mail tab first, and the rep is asked before anything is logged without one.
 */
export function LogEmailControls({
  deal,
  context,
  settings,
  mailTabId,
}: {
  deal: Deal;
  context: OpenThread;
  settings: Settings;
  /** The mail tab showing `context`: bodies are read from it when the rep turned body logging on. */
  mailTabId: number | null;
}) {
  const { t } = useI18n();
  const database = openDatabase();
  const queryClient = useQueryClient();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const logged = useQuery(loggedMessagesQuery(database, deal.id, context));
  const openMessage = openMessageOf(context);
  const loggedIds = new Set(logged.data ?? []);
  const openLogged = openMessage !== null && loggedIds.has(openMessage.providerMessageId);
  const allLogged = context.messages.every((message) => loggedIds.has(message.providerMessageId));

  const log = useMutation({
    mutationFn: async ({ scope, bodies }: LogRequest): Promise<Outcome> => {
      const providerMessageIds =
        scope === 'open'
          ? openMessage
            ? [openMessage.providerMessageId]
            : []
          : context.messages.map((message) => message.providerMessageId);
      let bodiesToLog = bodies;
      if (!bodiesToLog && settings.logEmailBodies) {
        // Messages already on the deal are left as they are: their bodies are not needed.
        const wanted = providerMessageIds.filter((id) => !loggedIds.has(id));
        const read = await bodiesFromPage(mailTabId, wanted);
        const missing = wanted.filter((id) => !read.has(id)).length;
        // Never store a message without its body behind the rep's back: ask first.
        if (missing > 0) return { kind: 'bodiesMissing', scope, bodies: read, missing };
        bodiesToLog = read;
      }
      const result = await logEmails(database, {
        dealId: deal.id,
        context,
        providerMessageIds,
        authorId: settings.user.id,
        neverLog: settings.neverLog,
        bodies: bodiesToLog,
      });
      return { kind: 'result', scope, result };
    },
    onSuccess: setOutcome,
    onError: (error) => setOutcome({ kind: 'failed', dealGone: error instanceof DealGoneError }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const undo = useMutation({
    mutationFn: (ids: string[]) => removeActivities(database, ids),
    onSuccess: () => setOutcome({ kind: 'undone' }),
    onError: () => setOutcome({ kind: 'failed', dealGone: false }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const busy = log.isPending || undo.isPending || logged.isPending;

  return (
    <div className="log-email" data-testid="log-email" aria-busy={busy}>
      <div className="log-email-buttons">
        <button
          type="button"
          className={openLogged ? 'logged' : 'primary'}
          data-testid="log-email-button"
          data-logged={openLogged}
          disabled={busy || openLogged || openMessage === null}
          onClick={() => log.mutate({ scope: 'open' })}
        >
          {openLogged ? (
            <>
              <span aria-hidden="true">✓ </span>
              {t('log.logged')}
            </>
          ) : (
            t('log.logEmail')
          )}
        </button>
        {context.messages.length > 1 && (
          <button
            type="button"
            data-testid="log-thread-button"
            disabled={busy || allLogged}
            onClick={() => log.mutate({ scope: 'thread' })}
          >
            {allLogged
              ? t('log.threadLogged', { count: context.messages.length })
              : t('log.logThread', { count: context.messages.length })}
          </button>
        )}
      </div>
      <div role="status" className="log-email-status" data-testid="log-email-status">
        {outcome && (
          <OutcomeText
            outcome={outcome}
            undoing={undo.isPending}
            logging={log.isPending}
            onUndo={(ids) => undo.mutate(ids)}
            onLog={(request) => log.mutate(request)}
          />
        )}
      </div>
    </div>
  );
}

function OutcomeText({
  outcome,
  undoing,
  logging,
  onUndo,
  onLog,
}: {
  outcome: Outcome;
  undoing: boolean;
  logging: boolean;
  onUndo: (ids: string[]) => void;
  onLog: (request: LogRequest) => void;
}) {
  const { t } = useI18n();
  if (outcome.kind === 'undone') return <p>{t('log.undone')}</p>;
  if (outcome.kind === 'bodiesMissing') {
    return (
      <p className="log-error" data-testid="log-body-missing">
        {t('logBody.missing', { count: outcome.missing })}{' '}
        <button
          type="button"
          className="link"
          data-testid="log-without-body"
          disabled={logging}
          onClick={() => onLog({ scope: outcome.scope, bodies: outcome.bodies })}
        >
          {t('logBody.logWithout')}
        </button>
      </p>
    );
  }
  if (outcome.kind === 'failed') {
    return <p className="log-error">{outcome.dealGone ? t('log.dealGone') : t('log.failed')}</p>;
  }
  const { result } = outcome;
  const ids = result.logged.map((activity) => activity.id);
  const refusedPatterns = [...new Set(result.refused.map((refusal) => refusal.pattern))];
  return (
    <>
      {ids.length > 0 && (
        <p>
          {t('log.done', { count: ids.length })}{' '}
          <button
            type="button"
            className="link"
            data-testid="log-undo"
            disabled={undoing}
            onClick={() => onUndo(ids)}
          >
            {t('log.undo')}
          </button>
        </p>
      )}
      {ids.length === 0 && result.alreadyLogged > 0 && (
        <p>{t('log.alreadyLogged', { count: result.alreadyLogged })}</p>
      )}
      {refusedPatterns.length > 0 && (
        <p className="log-error" data-testid="log-refused">
          {t('log.refusedNeverLog', { count: result.refused.length, patterns: refusedPatterns.join(', ') })}
        </p>
      )}
      {result.incomplete > 0 && (
        <p className="log-error">{t('log.incomplete', { count: result.incomplete })}</p>
      )}
    </>
  );
}
