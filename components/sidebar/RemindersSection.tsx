import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import {
  type ReminderItem,
  type ReminderLists,
  remindersQuery,
} from '@/lib/extension/queries/reminder-queries';
import {
  presetDueAt,
  REMINDER_GROUPS,
  type ReminderGroup,
  reminderGroupOf,
  snoozeOneHour,
  userTimeZone,
} from '@/lib/extension/reminders/presets';
import { completeReminder, deleteReminder, snoozeReminder } from '@/lib/extension/reminders/reminders-write';
import type { Id, Reminder } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { formatReminderTime } from './reminder-format';
import { useNow } from './useNow';

type Scope = 'thread' | 'all';

/**
 * The sidebar's reminders: for the open thread and its deals, or all of them (the only choice when
 * no thread is open), grouped overdue / today / upcoming, with recent "they replied" completions.
 */
export function RemindersSection({
  thread,
}: {
  /** The open thread and its open deals' ids; null when no thread is open. */
  thread: { threadId: string; dealIds: readonly Id[] } | null;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const [scope, setScope] = useState<Scope>(thread ? 'thread' : 'all');
  const database = openDatabase();
  const reminders = useQuery(remindersQuery(database, scope === 'thread' ? thread : null));
  return (
    <section
      className="reminders"
      aria-labelledby={headingId}
      aria-busy={reminders.isFetching}
      data-testid="reminders-section"
    >
      <div className="section-head">
        <h2 id={headingId}>{t('reminders.heading')}</h2>
        {thread && (
          // biome-ignore lint/a11y/useSemanticElements: a pair of toggle buttons, not a form fieldset
          <div className="reminder-scope" role="group" aria-label={t('reminders.scopeLabel')}>
            {(['thread', 'all'] as const).map((choice) => (
              <button
                key={choice}
                type="button"
                aria-pressed={scope === choice}
                data-testid={`reminders-scope-${choice}`}
                onClick={() => setScope(choice)}
              >
                {t(`reminders.scope.${choice}`)}
              </button>
            ))}
          </div>
        )}
      </div>
      {reminders.isPending ? (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      ) : reminders.isError ? (
        <StatusMessage kind="error">
          {t('reminders.loadError')}{' '}
          <button type="button" onClick={() => reminders.refetch()}>
            {t('common.retry')}
          </button>
        </StatusMessage>
      ) : (
        <ReminderList
          lists={reminders.data}
          emptyMessage={t(thread && scope === 'thread' ? 'reminders.emptyThread' : 'reminders.emptyAll')}
        />
      )}
    </section>
  );
}

/** How many reminders a group shows before "Show more"; 10,000 pending must not all render at once. */
const PAGE_SIZE = 50;

type Action =
  | { kind: 'done'; reminder: Reminder }
  | { kind: 'snooze'; reminder: Reminder; until: number }
  | { kind: 'delete'; reminder: Reminder };

type ActionOutcome = { text: string; failed: boolean };

/**
 * Reminders grouped overdue / today / upcoming in the user's time zone, each with Done, Snooze
 * (1 h, tomorrow 9:00) and Delete, then recent "Completed: they replied". Reusable wherever the
 * lists are loaded (the sidebar, the toolbar popup); writes refresh every query afterwards.
 */
export function ReminderList({ lists, emptyMessage }: { lists: ReminderLists; emptyMessage: string }) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const now = useNow();
  const timeZone = userTimeZone();
  const container = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState<Record<ReminderGroup, number>>({
    overdue: PAGE_SIZE,
    today: PAGE_SIZE,
    upcoming: PAGE_SIZE,
  });
  const [outcome, setOutcome] = useState<ActionOutcome | null>(null);
  const action = useMutation({
    mutationFn: async (request: Action): Promise<ActionOutcome> => {
      const database = openDatabase();
      const { reminder } = request;
      if (request.kind === 'delete') {
        await deleteReminder(database, reminder.id);
        return { text: t('reminders.deleted'), failed: false };
      }
      const changed =
        request.kind === 'done'
          ? await completeReminder(database, reminder.id, 'done')
          : await snoozeReminder(database, reminder.id, request.until);
      if (!changed) return { text: t('reminders.actionGone'), failed: true };
      return request.kind === 'done'
        ? { text: t('reminders.markedDone', { title: reminder.title }), failed: false }
        : {
            text: t('reminders.snoozed', { when: formatReminderTime(changed.dueAt, language) }),
            failed: false,
          };
    },
    onSuccess: setOutcome,
    onError: () => setOutcome({ text: t('reminders.actionFailed'), failed: true }),
    onSettled: async () => {
      await queryClient.invalidateQueries();
      // The reminder acted on has moved or gone: keep focus in the list rather than on the page body.
      if (!container.current?.contains(document.activeElement)) container.current?.focus();
    },
  });
  const act = (request: Action) => {
    setOutcome(null);
    action.mutate(request);
  };

  const groups = new Map<ReminderGroup, ReminderItem[]>(REMINDER_GROUPS.map((group) => [group, []]));
  for (const item of lists.open) groups.get(reminderGroupOf(item.reminder.dueAt, now, timeZone))?.push(item);

  return (
    <div className="reminder-lists" ref={container} tabIndex={-1} data-testid="reminder-lists">
      <div role="status" className="reminder-outcome" data-testid="reminder-outcome">
        {outcome && <p className={outcome.failed ? 'field-error' : 'help'}>{outcome.text}</p>}
      </div>
      {lists.open.length === 0 && lists.replied.length === 0 && (
        <StatusMessage kind="empty">{emptyMessage}</StatusMessage>
      )}
      {REMINDER_GROUPS.map((group) => {
        const items = groups.get(group) ?? [];
        if (items.length === 0) return null;
        const limit = shown[group];
        return (
          <ReminderGroupList key={group} group={group} count={items.length}>
            {items.slice(0, limit).map((item) => (
              <ReminderRow
                key={item.reminder.id}
                item={item}
                group={group}
                now={now}
                busy={action.isPending}
                onAct={act}
              />
            ))}
            {items.length > limit && (
              <li>
                <button
                  type="button"
                  className="link"
                  onClick={() => setShown((previous) => ({ ...previous, [group]: limit + PAGE_SIZE }))}
                >
                  {t('reminders.showMore', { count: Math.min(PAGE_SIZE, items.length - limit) })}
                </button>
              </li>
            )}
          </ReminderGroupList>
        );
      })}
      {lists.replied.length > 0 && (
        <ReminderGroupList group="replied" count={lists.replied.length}>
          {lists.replied.map((item) => (
            <ReminderRow
              key={item.reminder.id}
              item={item}
              group="replied"
              now={now}
              busy={false}
              onAct={act}
            />
          ))}
        </ReminderGroupList>
      )}
    </div>
  );
}

function ReminderGroupList({
  group,
  count,
  children,
}: {
  group: ReminderGroup | 'replied';
  count: number;
  children: React.ReactNode;
}) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <div className={`reminder-group reminder-group-${group}`} data-testid={`reminder-group-${group}`}>
      <h3 id={headingId}>{t('reminders.groupHeading', { label: t(`reminders.group.${group}`), count })}</h3>
      <ol className="plain" aria-labelledby={headingId}>
        {children}
      </ol>
    </div>
  );
}

function ReminderRow({
  item,
  group,
  now,
  busy,
  onAct,
}: {
  item: ReminderItem;
  group: ReminderGroup | 'replied';
  now: number;
  busy: boolean;
  onAct: (action: Action) => void;
}) {
  const { t, language } = useI18n();
  const titleId = useId();
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const deleteButton = useRef<HTMLButtonElement>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirmingDelete) confirmButton.current?.focus();
  }, [confirmingDelete]);
  const cancelDelete = () => {
    setConfirmingDelete(false);
    deleteButton.current?.focus();
  };
  const { reminder, dealTitle, dealGone } = item;
  const replied = group === 'replied';
  const shownTime = replied ? (reminder.completedAt ?? reminder.dueAt) : reminder.dueAt;
  const when = formatReminderTime(shownTime, language, now);
  return (
    <li
      className={`reminder-item reminder-item-${group}`}
      data-testid="reminder-item"
      data-reminder-id={reminder.id}
    >
      <p className="reminder-title" id={titleId}>
        <bdi>{reminder.title}</bdi>
      </p>
      <p className="reminder-meta">
        <time dateTime={new Date(shownTime).toISOString()}>
          {replied ? t('reminders.completedReplied', { when }) : when}
        </time>
        {reminder.status === 'snoozed' && !replied && (
          <span className="flag">{t('reminders.snoozedBadge')}</span>
        )}
      </p>
      {(dealTitle || dealGone) && (
        <p className="reminder-deal">
          {dealTitle ? <bdi>{dealTitle}</bdi> : <span className="muted">{t('reminders.dealGone')}</span>}
        </p>
      )}
      {reminder.note.trim() && <p className="reminder-note">{reminder.note}</p>}
      <div className="reminder-actions">
        {reminder.thread && (
          <a href={reminder.thread.threadUrl} target="_blank" rel="noreferrer" aria-describedby={titleId}>
            {t('reminders.openEmail')}
          </a>
        )}
        {!replied && (
          <>
            <button
              type="button"
              className="link"
              aria-describedby={titleId}
              data-testid="reminder-done"
              disabled={busy}
              onClick={() => onAct({ kind: 'done', reminder })}
            >
              {t('reminders.done')}
            </button>
            <button
              type="button"
              className="link"
              aria-describedby={titleId}
              data-testid="reminder-snooze-hour"
              disabled={busy}
              onClick={() => onAct({ kind: 'snooze', reminder, until: snoozeOneHour(Date.now()) })}
            >
              {t('reminders.snoozeHour')}
            </button>
            <button
              type="button"
              className="link"
              aria-describedby={titleId}
              data-testid="reminder-snooze-tomorrow"
              disabled={busy}
              onClick={() =>
                onAct({
                  kind: 'snooze',
                  reminder,
                  until: presetDueAt('tomorrow', Date.now(), userTimeZone()),
                })
              }
            >
              {t('reminders.snoozeTomorrow')}
            </button>
          </>
        )}
        <button
          ref={deleteButton}
          type="button"
          className="link reminder-delete"
          aria-describedby={titleId}
          aria-expanded={confirmingDelete}
          data-testid="reminder-delete"
          disabled={busy}
          onClick={() => setConfirmingDelete(!confirmingDelete)}
        >
          {t('reminders.delete')}
        </button>
      </div>
      {confirmingDelete && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the question cancels it
        <div
          className="reminder-confirm"
          data-testid="reminder-delete-confirm"
          onKeyDown={(event) => {
            if (event.key !== 'Escape') return;
            event.preventDefault();
            cancelDelete();
          }}
        >
          <p>{t('reminders.deleteConfirm')}</p>
          <div className="reminder-confirm-buttons">
            <button
              ref={confirmButton}
              type="button"
              className="primary"
              data-testid="reminder-delete-yes"
              disabled={busy}
              onClick={() => onAct({ kind: 'delete', reminder })}
            >
              {t('reminders.delete')}
            </button>
            <button type="button" onClick={cancelDelete}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </li>
  );
}
