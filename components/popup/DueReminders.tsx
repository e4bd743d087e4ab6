import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { remindersQuery } from '@/lib/extension/queries/reminder-queries';
import { reminderGroupOf, userTimeZone } from '@/lib/extension/reminders/presets';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { ReminderList } from '../sidebar/RemindersSection';
import { formatReminderTime } from '../sidebar/reminder-format';
import { useNow } from '../sidebar/useNow';

/**
 * What needs doing now: overdue reminders, then the rest of today's, soonest first, with the
 * sidebar's Done / Snooze 1 h / Tomorrow 9:00. Later reminders stay in the sidebar; the empty
 * state names the next one so an empty popup does not look like lost reminders.
 */
export function DueReminders() {
  const { t, language } = useI18n();
  const headingId = useId();
  const now = useNow();
  const reminders = useQuery(remindersQuery(openDatabase(), null));

  let content: React.ReactNode;
  if (reminders.isPending) {
    content = <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  } else if (reminders.isError) {
    content = (
      <StatusMessage kind="error">
        {t('reminders.loadError')}{' '}
        <button type="button" onClick={() => reminders.refetch()}>
          {t('common.retry')}
        </button>
      </StatusMessage>
    );
  } else {
    const timeZone = userTimeZone();
    const due = reminders.data.open.filter(
      (item) => reminderGroupOf(item.reminder.dueAt, now, timeZone) !== 'upcoming',
    );
    const next = reminders.data.open.find((item) => !due.includes(item));
    content = (
      <ReminderList
        lists={{ open: due, replied: [] }}
        emptyMessage={
          next
            ? t('popup.nothingDueNext', { when: formatReminderTime(next.reminder.dueAt, language, now) })
            : t('popup.noReminders')
        }
      />
    );
  }

  return (
    <section
      className="popup-due"
      aria-labelledby={headingId}
      aria-busy={reminders.isFetching}
      data-testid="popup-due"
    >
      <h2 id={headingId}>{t('popup.dueHeading')}</h2>
      {content}
    </section>
  );
}
