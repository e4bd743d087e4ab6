import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import type { MessageKey } from '@/lib/extension/i18n/en';
import type { MatchedDeal } from '@/lib/extension/matching/types';
import {
  type CustomTimeProblem,
  customDueAt,
  dateTimeFieldsOf,
  presetDueAt,
  REMINDER_PRESETS,
  type ReminderPreset,
  reminderGroupOf,
  userTimeZone,
} from '@/lib/extension/reminders/presets';
import {
  createReminder,
  deleteReminder,
  type NewReminderInput,
} from '@/lib/extension/reminders/reminders-write';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Reminder, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { FormField } from './FormField';
import type { FieldErrors } from './form-problems';
import { cleanSubject, clip } from './format';
import { InlineForm } from './InlineForm';
import { formatReminderTime } from './reminder-format';
import { useDisclosureClose } from './useDisclosureClose';
import { useInlineForm } from './useInlineForm';
import { useNow } from './useNow';

const TITLE_LIMIT = 500;

type Outcome = { kind: 'set'; reminder: Reminder } | { kind: 'undone' } | { kind: 'undoFailed' };

/**
 * "Remind me" for the open thread, once at the top of its deals: a disclosure with one-click
 * presets, a custom date and time, a note, the deal (best match first) and "only if they haven't
 * replied". Focus moves into the form on open and back to the button on Escape, cancel or save;
 * the confirmation offers undo.
 */
export function RemindMe({
  context,
  settings,
  deals,
}: {
  context: OpenThread;
  settings: Settings;
  /** The thread's open deals, best match first. */
  deals: readonly MatchedDeal[];
}) {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const [isOpen, setIsOpen] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const formId = useId();
  const undo = useMutation({
    mutationFn: (reminder: Reminder) => deleteReminder(openDatabase(), reminder.id),
    onSuccess: () => setOutcome({ kind: 'undone' }),
    onError: () => setOutcome({ kind: 'undoFailed' }),
    onSettled: () => queryClient.invalidateQueries(),
  });
  const { opener, close, closeOnEscape } = useDisclosureClose(() => setIsOpen(false));
  return (
    <div className="remind-me" data-testid="remind-me">
      <button
        ref={opener}
        type="button"
        aria-expanded={isOpen}
        aria-controls={isOpen ? formId : undefined}
        data-testid="remind-me-open"
        onClick={() => {
          setOutcome(null);
          if (isOpen) close();
          else setIsOpen(true);
        }}
      >
        {t('reminders.remindMe')}
      </button>
      {/* Always rendered, so screen readers hear the confirmation once the form has closed. */}
      <div role="status" className="help remind-me-status" data-testid="remind-me-status">
        {outcome?.kind === 'set' && (
          <p>
            {t('reminders.set', { when: formatReminderTime(outcome.reminder.dueAt, language) })}{' '}
            <button
              type="button"
              className="link"
              data-testid="remind-me-undo"
              disabled={undo.isPending}
              onClick={() => undo.mutate(outcome.reminder)}
            >
              {t('reminders.undo')}
            </button>
          </p>
        )}
        {outcome?.kind === 'undone' && <p>{t('reminders.undone')}</p>}
        {outcome?.kind === 'undoFailed' && <p className="field-error">{t('reminders.undoFailed')}</p>}
      </div>
      {isOpen && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the form closes it
        <div id={formId} onKeyDown={closeOnEscape}>
          <ReminderFields
            context={context}
            settings={settings}
            deals={deals}
            onCancel={close}
            onSaved={(reminder) => {
              setOutcome({ kind: 'set', reminder });
              close();
            }}
          />
        </div>
      )}
    </div>
  );
}

const CUSTOM_PROBLEM_KEYS: Record<CustomTimeProblem, MessageKey> = {
  invalidDate: 'reminders.error.invalidDate',
  invalidTime: 'reminders.error.invalidTime',
  nonexistentTime: 'reminders.error.nonexistentTime',
};

/** How this form words the write's problems; anything else falls to the form's general note. */
function errorsFor(errors: FieldErrors) {
  return {
    title: errors['reminder.title'] ? ('reminders.error.title' as const) : undefined,
    note: errors['reminder.note'] ? ('reminders.error.note' as const) : undefined,
    dueAt: errors['reminder.dueAt'] ? ('reminders.error.invalidDate' as const) : undefined,
  };
}

function ReminderFields({
  context,
  settings,
  deals,
  onSaved,
  onCancel,
}: {
  context: OpenThread;
  settings: Settings;
  deals: readonly MatchedDeal[];
  onSaved: (reminder: Reminder) => void;
  onCancel: () => void;
}) {
  const { t, language } = useI18n();
  const now = useNow();
  const timeZone = userTimeZone();
  const titleInput = useRef<HTMLInputElement>(null);
  const dateInput = useRef<HTMLInputElement>(null);
  const fireNowButton = useRef<HTMLButtonElement>(null);
  const noReplyId = useId();
  const subject = cleanSubject(context.subject);
  const [title, setTitle] = useState(() =>
    clip(
      subject ? t('reminders.defaultTitle', { subject }) : t('reminders.defaultTitleNoSubject'),
      TITLE_LIMIT,
    ),
  );
  const [dealId, setDealId] = useState(deals[0]?.deal.id ?? '');
  const [note, setNote] = useState('');
  const [onlyIfNoReply, setOnlyIfNoReply] = useState(false);
  const [custom, setCustom] = useState(() =>
    dateTimeFieldsOf(presetDueAt('tomorrow', now, timeZone), timeZone),
  );
  const [customProblem, setCustomProblem] = useState<{ field: 'date' | 'time'; key: MessageKey } | null>(
    null,
  );
  /** A custom time already past, waiting for "Fire it now?". */
  const [pastDueAt, setPastDueAt] = useState<number | null>(null);
  const form = useInlineForm({
    write: (input: NewReminderInput) => createReminder(openDatabase(), input),
    onSaved,
  });
  const errors = errorsFor(form.errors);
  // The schema needs the mailbox to reopen the thread in; without one the reminder has no link.
  const account = context.account ?? (settings.user.email || null);

  useEffect(() => titleInput.current?.focus(), []);
  useEffect(() => {
    if (pastDueAt !== null) fireNowButton.current?.focus();
  }, [pastDueAt]);

  const save = (dueAt: number) => {
    const match = deals.find((candidate) => candidate.deal.id === dealId);
    form.save({
      title,
      note,
      dueAt,
      dealId: match?.deal.id ?? null,
      contactId: match?.matchedContactIds[0] ?? null,
      thread: account
        ? {
            provider: context.provider,
            account,
            threadId: context.threadId,
            threadUrl: context.threadUrl,
            subject: clip(context.subject, 2000),
          }
        : null,
      onlyIfNoReply: account !== null && onlyIfNoReply,
    });
  };

  const submitCustom = () => {
    setPastDueAt(null);
    const parsed = customDueAt(custom.date, custom.time, timeZone);
    if (!parsed.ok) {
      const field = parsed.problem === 'invalidDate' ? 'date' : 'time';
      setCustomProblem({ field, key: CUSTOM_PROBLEM_KEYS[parsed.problem] });
      return;
    }
    setCustomProblem(null);
    if (parsed.dueAt <= Date.now()) setPastDueAt(parsed.dueAt);
    else save(parsed.dueAt);
  };

  const changeCustom = (change: Partial<typeof custom>) => {
    setCustom((previous) => ({ ...previous, ...change }));
    setCustomProblem(null);
    setPastDueAt(null);
  };

  const presetLabel = (preset: ReminderPreset, dueAt: number): MessageKey =>
    preset === 'laterToday' && reminderGroupOf(dueAt, now, timeZone) !== 'today'
      ? 'reminders.preset.inThreeHours'
      : `reminders.preset.${preset}`;

  return (
    <InlineForm
      form={form}
      label={t('reminders.formLabel')}
      testId="remind-me-form"
      submitLabel={t('reminders.setCustom')}
      onSubmit={submitCustom}
      onCancel={onCancel}
    >
      <FormField label={t('reminders.title')} error={errors.title}>
        {(control) => (
          <input
            {...control}
            ref={titleInput}
            value={title}
            maxLength={TITLE_LIMIT}
            onChange={(event) => setTitle(event.target.value)}
            autoComplete="off"
            data-testid="remind-me-title"
          />
        )}
      </FormField>
      {deals.length > 0 && (
        <FormField label={t('reminders.deal')}>
          {(control) => (
            <select
              {...control}
              value={dealId}
              onChange={(event) => setDealId(event.target.value)}
              data-testid="remind-me-deal"
            >
              {deals.map((match) => (
                <option key={match.deal.id} value={match.deal.id}>
                  {match.deal.title}
                </option>
              ))}
              <option value="">{t('reminders.noDeal')}</option>
            </select>
          )}
        </FormField>
      )}
      <FormField label={t('reminders.note')} error={errors.note}>
        {(control) => (
          <textarea {...control} rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
        )}
      </FormField>
      {account ? (
        <div className="field">
          <div className="toggle">
            <input
              id={noReplyId}
              type="checkbox"
              checked={onlyIfNoReply}
              onChange={(event) => setOnlyIfNoReply(event.target.checked)}
              data-testid="remind-me-no-reply"
            />
            <label htmlFor={noReplyId}>{t('reminders.onlyIfNoReply')}</label>
          </div>
          <p className="help">{t('reminders.onlyIfNoReplyHint')}</p>
        </div>
      ) : (
        <p className="help" data-testid="remind-me-no-account">
          {t('reminders.noAccount')}
        </p>
      )}
      <fieldset className="field reminder-presets">
        <legend>{t('reminders.when')}</legend>
        {REMINDER_PRESETS.map((preset) => {
          const dueAt = presetDueAt(preset, now, timeZone);
          return (
            <button
              key={preset}
              type="button"
              className="reminder-preset"
              data-testid={`remind-preset-${preset}`}
              disabled={form.isSaving}
              onClick={() => save(presetDueAt(preset, Date.now(), timeZone))}
            >
              <span className="reminder-preset-name">{t(presetLabel(preset, dueAt))}</span>
              <span className="reminder-preset-time">{formatReminderTime(dueAt, language, now)}</span>
            </button>
          );
        })}
        {errors.dueAt && <p className="field-error">{t(errors.dueAt)}</p>}
      </fieldset>
      <fieldset className="field reminder-custom">
        <legend>{t('reminders.custom')}</legend>
        <div className="activity-when">
          <FormField
            label={t('reminders.date')}
            error={customProblem?.field === 'date' ? customProblem.key : undefined}
          >
            {(control) => (
              <input
                {...control}
                ref={dateInput}
                type="date"
                value={custom.date}
                onChange={(event) => changeCustom({ date: event.target.value })}
                data-testid="remind-me-date"
              />
            )}
          </FormField>
          <FormField
            label={t('reminders.time')}
            error={customProblem?.field === 'time' ? customProblem.key : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="time"
                value={custom.time}
                onChange={(event) => changeCustom({ time: event.target.value })}
                data-testid="remind-me-time"
              />
            )}
          </FormField>
        </div>
        {pastDueAt !== null && (
          <div className="reminder-confirm" role="alert" data-testid="remind-me-past">
            <p>{t('reminders.pastQuestion')}</p>
            <div className="reminder-confirm-buttons">
              <button
                ref={fireNowButton}
                type="button"
                className="primary"
                data-testid="remind-me-fire-now"
                disabled={form.isSaving}
                onClick={() => save(pastDueAt)}
              >
                {t('reminders.fireNow')}
              </button>
              <button
                type="button"
                onClick={() => {
                  setPastDueAt(null);
                  dateInput.current?.focus();
                }}
              >
                {t('common.cancel')}
              </button>
            </div>
          </div>
        )}
      </fieldset>
    </InlineForm>
  );
}
