import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { format, parseISO, subDays } from 'date-fns';
import { useEffect, useId, useRef, useState } from 'react';
import { removeActivities } from '@/lib/extension/db/activities-write';
import { openDatabase } from '@/lib/extension/db/database';
import { dateLocaleFor, type Language, type Translate } from '@/lib/extension/i18n/translate';
import { RECENT_ACTIVITY_COUNT } from '@/lib/extension/queries/sidebar-queries';
import { type TimelinePage, timelineQuery } from '@/lib/extension/queries/timeline';
import type { Activity, EmailActivity, Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { todayCalendarDate } from './format';

/** Symbols common text fonts carry (an emoji such as 👥 is an empty box where no emoji font is installed). */
const KIND_ICONS: Record<Activity['kind'], string> = {
  email: '✉',
  note: '✎',
  call: '☎',
  meeting: '◷',
  'stage-change': '➜',
};

type DealTimelineProps = {
  dealId: Id;
  /** The newest activities, fetched with the card: shown at once, and as the first page until it loads. */
  recent: readonly Activity[];
  pipeline: Pipeline | null;
};

/**
 * A deal's activities by day, newest first: the few the card came with, then on request the
 * whole history a page at a time. Mail text is hostile: it is only ever rendered as text.
 */
export function DealTimeline({ dealId, recent, pipeline }: DealTimelineProps) {
  const { t, language } = useI18n();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const listRef = useRef<HTMLDivElement>(null);
  const endRef = useRef<HTMLParagraphElement>(null);
  const [full, setFull] = useState(false);
  // Where focus goes once a load finishes: the first activity it added (the button that started
  // it is gone or has moved below the new activities).
  const [focusIndex, setFocusIndex] = useState<number | null>(null);
  const [removed, setRemoved] = useState(false);
  const timeline = useInfiniteQuery({
    ...timelineQuery(openDatabase(), dealId),
    enabled: full,
    placeholderData: { pages: [{ activities: [...recent], nextCursor: null }], pageParams: [null] },
  });
  const activities = full && timeline.data ? uniqueActivities(timeline.data.pages) : recent;
  const loading = full && (timeline.isPlaceholderData || timeline.isFetchingNextPage);

  useEffect(() => {
    if (focusIndex === null || loading) return;
    const items = listRef.current?.querySelectorAll<HTMLElement>('[data-activity-id]');
    (items?.[focusIndex] ?? endRef.current)?.focus();
    setFocusIndex(null);
  }, [focusIndex, loading]);

  const showFull = () => {
    setFocusIndex(activities.length);
    setFull(true);
  };
  const loadMore = () => {
    setFocusIndex(activities.length);
    void timeline.fetchNextPage();
  };
  const onRemoved = () => {
    // The removed item unmounts on the refresh: keep focus in the timeline rather than on the page.
    headingRef.current?.focus();
    setRemoved(true);
  };

  return (
    <section
      className="activities timeline"
      aria-labelledby={headingId}
      aria-busy={loading}
      data-testid="deal-timeline"
    >
      <h4 id={headingId} ref={headingRef} tabIndex={-1}>
        {t('activity.heading')}
      </h4>
      {removed && <StatusMessage kind="success">{t('timeline.removed')}</StatusMessage>}
      {activities.length === 0 ? (
        !loading && !timeline.isError && <StatusMessage kind="empty">{t('activity.none')}</StatusMessage>
      ) : (
        <div ref={listRef} data-testid="deal-activities">
          {groupByDay(activities).map(({ day, dayActivities }) => (
            <div key={day} className="timeline-day" data-testid="timeline-day" data-day={day}>
              <h5 className="timeline-day-heading">
                <time dateTime={day}>{dayHeading(day, language, t)}</time>
              </h5>
              <ol>
                {dayActivities.map((activity) => (
                  <TimelineItem
                    key={activity.id}
                    activity={activity}
                    pipeline={pipeline}
                    onRemoved={onRemoved}
                  />
                ))}
              </ol>
            </div>
          ))}
        </div>
      )}
      {!full ? (
        recent.length >= RECENT_ACTIVITY_COUNT && (
          <button type="button" className="link timeline-more" onClick={showFull}>
            {t('timeline.showFull')}
          </button>
        )
      ) : loading ? (
        <StatusMessage kind="loading">{t('timeline.loading')}</StatusMessage>
      ) : timeline.isError || timeline.isFetchNextPageError ? (
        <StatusMessage kind="error">
          {t('timeline.loadError')}{' '}
          <button
            type="button"
            onClick={() => (timeline.isFetchNextPageError ? loadMore() : timeline.refetch())}
          >
            {t('common.retry')}
          </button>
        </StatusMessage>
      ) : timeline.hasNextPage ? (
        <button type="button" className="timeline-more" onClick={loadMore} data-testid="timeline-load-more">
          {t('timeline.loadMore')}
        </button>
      ) : (
        activities.length > 0 && (
          <p className="muted timeline-end" ref={endRef} tabIndex={-1} data-testid="timeline-end">
            {t('timeline.end')}
          </p>
        )
      )}
    </section>
  );
}

/**
 * The loaded pages as one list. Pages are refetched one after another, so an activity edited
 * between two reads could appear on both; it is shown once.
 */
function uniqueActivities(pages: readonly TimelinePage[]): Activity[] {
  const seen = new Set<Id>();
  const unique: Activity[] = [];
  for (const activity of pages.flatMap((page) => page.activities)) {
    if (seen.has(activity.id)) continue;
    seen.add(activity.id);
    unique.push(activity);
  }
  return unique;
}

/** Consecutive activities of one calendar day in the user's time zone (the list is newest first). */
function groupByDay(activities: readonly Activity[]): { day: string; dayActivities: Activity[] }[] {
  const groups: { day: string; dayActivities: Activity[] }[] = [];
  for (const activity of activities) {
    const day = format(activity.occurredAt, 'yyyy-MM-dd');
    const last = groups.at(-1);
    if (last?.day === day) last.dayActivities.push(activity);
    else groups.push({ day, dayActivities: [activity] });
  }
  return groups;
}

function dayHeading(day: string, language: Language, t: Translate): string {
  const now = new Date();
  if (day === todayCalendarDate(now)) return t('timeline.today');
  if (day === todayCalendarDate(subDays(now, 1))) return t('timeline.yesterday');
  return format(parseISO(day), 'PPPP', { locale: dateLocaleFor(language) });
}

type TimelineItemProps = { activity: Activity; pipeline: Pipeline | null; onRemoved: () => void };

function TimelineItem({ activity, pipeline, onRemoved }: TimelineItemProps) {
  const { t, language } = useI18n();
  const headlineId = useId();
  const stageName = (stageId: string) =>
    pipeline?.stages.find((stage) => stage.id === stageId)?.name ?? t('deal.stageUnknown');
  const headline = (): string => {
    switch (activity.kind) {
      case 'email':
        return activity.email.subject || t('activity.noSubject');
      case 'note':
        return activity.text;
      case 'call':
      case 'meeting':
        return activity.outcome || activity.text;
      case 'stage-change':
        return activity.fromStageId
          ? t('activity.stageChange', {
              from: stageName(activity.fromStageId),
              to: stageName(activity.toStageId),
            })
          : t('timeline.stageEntered', { to: stageName(activity.toStageId) });
    }
  };

  return (
    <li
      className="activity timeline-item"
      data-testid="timeline-item"
      data-activity-id={activity.id}
      data-kind={activity.kind}
      tabIndex={-1}
    >
      {/* The one-line summary keeps the test id the deal card's summary always had. */}
      <p className="timeline-headline" id={headlineId} data-testid="activity">
        <span className="activity-meta">
          <span aria-hidden="true" className="activity-icon">
            {KIND_ICONS[activity.kind]}
          </span>{' '}
          <span className="activity-kind">{t(`activity.kind.${activity.kind}`)}</span>{' '}
          {activity.private && <span className="activity-private-tag">{t('activity.private')}</span>}{' '}
          <time dateTime={new Date(activity.occurredAt).toISOString()}>
            {format(activity.occurredAt, 'p', { locale: dateLocaleFor(language) })}
          </time>
        </span>{' '}
        <bdi className={activity.kind === 'note' ? 'timeline-text timeline-note' : 'timeline-text'}>
          {headline()}
        </bdi>
      </p>
      {activity.kind === 'email' ? (
        <EmailDetails activity={activity} headlineId={headlineId} onRemoved={onRemoved} />
      ) : (
        <>
          {(activity.kind === 'call' || activity.kind === 'meeting') && (
            <>
              {activity.durationMinutes !== null && (
                <p className="timeline-detail" data-testid="timeline-duration">
                  {t('timeline.duration', { minutes: activity.durationMinutes })}
                </p>
              )}
              {activity.outcome && activity.text && (
                <p className="timeline-detail timeline-note">
                  <bdi>{activity.text}</bdi>
                </p>
              )}
            </>
          )}
          {/* Stage history stays: time in stage and the reports are computed from it. */}
          {activity.kind !== 'stage-change' && (
            <div className="timeline-actions">
              <RemoveFromDeal activityId={activity.id} describedBy={headlineId} onRemoved={onRemoved} />
            </div>
          )}
        </>
      )}
    </li>
  );
}

function EmailDetails({
  activity,
  headlineId,
  onRemoved,
}: {
  activity: EmailActivity;
  headlineId: string;
  onRemoved: () => void;
}) {
  const { t } = useI18n();
  const previewId = useId();
  const [open, setOpen] = useState(false);
  const { email } = activity;
  const hasPreview = email.snippet.trim() !== '' || email.body !== null;
  const threadUrl = httpsUrl(email.threadUrl);
  return (
    <>
      <p className="timeline-detail" data-testid="timeline-from">
        <span className="muted">{t('timeline.from')}</span> <bdi>{email.from.name || email.from.address}</bdi>
        {email.from.name && <span className="muted"> {`<${email.from.address}>`}</span>}
      </p>
      <div className="timeline-actions">
        {hasPreview && (
          <button
            type="button"
            className="link"
            aria-expanded={open}
            aria-controls={previewId}
            onClick={() => setOpen(!open)}
            data-testid="timeline-preview-toggle"
          >
            {t(open ? 'timeline.hidePreview' : 'timeline.showPreview')}
          </button>
        )}
        {threadUrl && (
          <a href={threadUrl} target="_blank" rel="noopener noreferrer" data-testid="timeline-open-in-mail">
            {t('timeline.openInMail')}
            <span className="visually-hidden"> {t('timeline.newTab')}</span>
          </a>
        )}
        <RemoveFromDeal activityId={activity.id} describedBy={headlineId} onRemoved={onRemoved} />
      </div>
      {/* Always present so aria-controls points somewhere; filled only when open, as a logged
          body can be long and a timeline holds many emails. */}
      <div id={previewId} className="timeline-preview" hidden={!open} data-testid="timeline-preview">
        {open && (
          <>
            {email.snippet.trim() && (
              <p className="timeline-snippet">
                <bdi>{email.snippet}</bdi>
              </p>
            )}
            {email.body !== null && (
              <div className="timeline-body">
                <p className="muted">{t('timeline.fullMessage')}</p>
                <bdi>{email.body}</bdi>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}

/** The schema only stores https thread URLs; a link is still drawn only for one, never for javascript: and the like. */
function httpsUrl(url: string): string | null {
  try {
    return new URL(url).protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** "Remove from deal", then an inline "Remove this? Remove / Cancel" (Escape cancels): no dialog. */
function RemoveFromDeal({
  activityId,
  describedBy,
  onRemoved,
}: {
  activityId: Id;
  describedBy: string;
  onRemoved: () => void;
}) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const askRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const [confirming, setConfirming] = useState(false);
  const returnFocus = useRef(false);
  const removal = useMutation({
    mutationFn: () => removeActivities(openDatabase(), [activityId]),
    onSuccess: async () => {
      onRemoved();
      await queryClient.invalidateQueries();
    },
  });

  useEffect(() => {
    // Cancel is the safe default; after cancelling, focus goes back to where the user started.
    if (confirming) cancelRef.current?.focus();
    else if (returnFocus.current) askRef.current?.focus();
    returnFocus.current = false;
  }, [confirming]);

  const cancel = () => {
    returnFocus.current = true;
    removal.reset();
    setConfirming(false);
  };

  if (!confirming) {
    return (
      <button
        type="button"
        className="link timeline-remove"
        ref={askRef}
        aria-describedby={describedBy}
        onClick={() => setConfirming(true)}
        data-testid="timeline-remove"
      >
        {t('timeline.remove')}
      </button>
    );
  }
  return (
    <fieldset
      className="timeline-confirm"
      onKeyDown={(event) => {
        if (event.key === 'Escape') cancel();
      }}
      data-testid="timeline-confirm"
    >
      <legend>{t('timeline.removeQuestion')}</legend>
      <span className="timeline-confirm-buttons">
        <button
          type="button"
          className="primary"
          aria-describedby={describedBy}
          disabled={removal.isPending}
          onClick={() => removal.mutate()}
          data-testid="timeline-remove-confirm"
        >
          {t('timeline.removeConfirm')}
        </button>
        <button type="button" ref={cancelRef} onClick={cancel}>
          {t('common.cancel')}
        </button>
      </span>
      {removal.isError && <StatusMessage kind="error">{t('timeline.removeError')}</StatusMessage>}
    </fieldset>
  );
}
