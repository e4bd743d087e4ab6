import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import type { MatchedDeal } from '@/lib/extension/matching/types';
import { type ActivitiesByDeal, threadViewQuery } from '@/lib/extension/queries/sidebar-queries';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { DealCard } from './DealCard';
import { PeopleSection } from './PeopleSection';
import { RemindersSection } from './RemindersSection';
import { RemindMe } from './RemindMe';
import { useAutoLog } from './useAutoLog';

/** What Dealside knows about the open thread: its deals, best match first, and its people. */
export function ThreadView({
  context,
  settings,
  mailTabId,
}: {
  context: OpenThread;
  settings: Settings;
  /** The mail tab showing `context`. */
  mailTabId: number | null;
}) {
  const { t } = useI18n();
  const dealsHeadingId = useId();
  const closedToggleId = useId();
  const [includeClosed, setIncludeClosed] = useState(false);
  const thread = useQuery({
    ...threadViewQuery(openDatabase(), context, settings, includeClosed),
    // Flipping "show closed" keeps the cards on screen while it loads. (Another thread remounts this
    // view — Sidebar keys it by thread — so it never shows the previous thread's cards.)
    placeholderData: keepPreviousData,
  });
  const autoLog = useAutoLog(context, settings);

  return (
    <>
      {context.subject.trim() && (
        <p className="thread-subject" data-testid="thread-subject">
          <span className="visually-hidden">{t('thread.subjectLabel')} </span>
          <bdi>{context.subject}</bdi>
        </p>
      )}
      <section className="deals" aria-labelledby={dealsHeadingId} aria-busy={thread.isFetching}>
        <div className="section-head">
          <h2 id={dealsHeadingId}>
            {thread.data
              ? t('thread.dealsHeading', { count: thread.data.deals.length })
              : t('thread.dealsHeadingPlain')}
          </h2>
          <div className="toggle">
            <input
              id={closedToggleId}
              type="checkbox"
              checked={includeClosed}
              onChange={(event) => setIncludeClosed(event.target.checked)}
            />
            <label htmlFor={closedToggleId}>{t('thread.showClosed')}</label>
          </div>
        </div>
        <RemindMe context={context} settings={settings} deals={thread.data?.deals ?? []} />
        {autoLog.kind === 'logged' && (
          <p className="help" role="status" data-testid="auto-logged">
            {t('log.autoLogged', { count: autoLog.count })}
          </p>
        )}
        {autoLog.kind === 'failed' && <StatusMessage kind="error">{t('log.autoLogFailed')}</StatusMessage>}
        {thread.isPending ? (
          <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
        ) : thread.isError ? (
          <StatusMessage kind="error">
            {t('thread.loadError')}{' '}
            <button type="button" onClick={() => thread.refetch()}>
              {t('common.retry')}
            </button>
          </StatusMessage>
        ) : (
          <>
            {thread.data.deals.length === 0 ? (
              <StatusMessage kind="empty">{t('thread.noOpenDeals')}</StatusMessage>
            ) : (
              <>
                {thread.data.deals.length > 1 && <p className="help">{t('thread.severalDeals')}</p>}
                <DealList
                  matches={thread.data.deals}
                  activities={thread.data.activities}
                  settings={settings}
                  mail={context}
                  mailTabId={mailTabId}
                />
              </>
            )}
            {includeClosed && (
              <ClosedDeals
                matches={thread.data.closedDeals}
                activities={thread.data.activities}
                settings={settings}
                mail={context}
                mailTabId={mailTabId}
              />
            )}
          </>
        )}
      </section>
      <RemindersSection
        thread={{
          threadId: context.threadId,
          dealIds: thread.data?.deals.map((match) => match.deal.id) ?? [],
        }}
      />
      {thread.data && (
        <PeopleSection
          people={thread.data.people}
          deals={thread.data.deals}
          subject={context.subject}
          settings={settings}
        />
      )}
    </>
  );
}

type DealListProps = {
  matches: readonly MatchedDeal[];
  activities: ActivitiesByDeal;
  settings: Settings;
  mail: OpenThread;
  mailTabId: number | null;
};

function DealList({ matches, activities, settings, mail, mailTabId }: DealListProps) {
  return (
    <ol className="plain deal-list">
      {matches.map((match) => (
        <li key={match.deal.id}>
          <DealCard
            match={match}
            activities={activities[match.deal.id] ?? []}
            settings={settings}
            mail={mail}
            mailTabId={mailTabId}
          />
        </li>
      ))}
    </ol>
  );
}

function ClosedDeals({ matches, activities, settings, mail, mailTabId }: DealListProps) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="closed-deals" aria-labelledby={headingId} data-testid="closed-deals">
      <h3 id={headingId}>{t('thread.closedHeading', { count: matches.length })}</h3>
      {matches.length === 0 ? (
        <p className="muted">{t('thread.noClosedDeals')}</p>
      ) : (
        <DealList
          matches={matches}
          activities={activities}
          settings={settings}
          mail={mail}
          mailTabId={mailTabId}
        />
      )}
    </section>
  );
}
