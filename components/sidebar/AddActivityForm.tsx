import { useQuery } from '@tanstack/react-query';
import { format } from 'date-fns';
import { useEffect, useId, useRef, useState } from 'react';
import { addManualActivity, type ManualActivityInput } from '@/lib/extension/db/activities-write';
import { openDatabase } from '@/lib/extension/db/database';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { syncStatusQuery } from '@/lib/extension/sync/sync-status-query';
import type { Activity, Deal, Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { FormField } from './FormField';
import type { FieldErrors } from './form-problems';
import { InlineForm } from './InlineForm';
import { useDisclosureClose } from './useDisclosureClose';
import { useInlineForm } from './useInlineForm';

const KINDS = ['note', 'call', 'meeting'] as const;
type ManualKind = (typeof KINDS)[number];

/**
 * "Add note / call / meeting" on a deal card: a disclosure that opens an inline form. Focus moves
 * into the form on open and back to the button on Escape, cancel or save.
 */
export function AddActivityForm({ deal, settings }: { deal: Deal; settings: Settings }) {
  const { t } = useI18n();
  const [isOpen, setIsOpen] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const formId = useId();
  const { opener, close, closeOnEscape } = useDisclosureClose(() => setIsOpen(false));
  return (
    <div className="add-activity">
      <button
        ref={opener}
        type="button"
        className="link"
        aria-expanded={isOpen}
        aria-controls={isOpen ? formId : undefined}
        data-testid="add-activity"
        onClick={() => {
          setAnnouncement('');
          if (isOpen) close();
          else setIsOpen(true);
        }}
      >
        {t('activityForm.open')}
      </button>
      {/* Always rendered, so screen readers hear the confirmation once the form has closed. */}
      <p role="status" className="help add-activity-status">
        {announcement}
      </p>
      {isOpen && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the form closes it
        <div id={formId} onKeyDown={closeOnEscape}>
          <ActivityFields
            deal={deal}
            settings={settings}
            onCancel={close}
            onSaved={(saved) => {
              setAnnouncement(t('activityForm.saved', { kind: t(`activity.kind.${saved.kind}`) }));
              close();
            }}
          />
        </div>
      )}
    </div>
  );
}

/** How this form words each problem the write reports; `activity.text` depends on the kind. */
function errorsFor(errors: FieldErrors, kind: ManualKind) {
  const when = (field: string, key: MessageKey) => (errors[field] ? key : undefined);
  return {
    text: when('activity.text', kind === 'note' ? 'activityForm.error.note' : 'activityForm.error.details'),
    date:
      when('activity.date', 'activityForm.error.date') ??
      when('activity.occurredAt', 'activityForm.error.future'),
    time: when('activity.time', 'activityForm.error.time'),
    duration: when('activity.durationMinutes', 'activityForm.error.duration'),
    outcome: when('activity.outcome', 'activityForm.error.outcome'),
    deal: when('deal.id', 'activityForm.error.dealGone'),
  };
}

function ActivityFields({
  deal,
  settings,
  onSaved,
  onCancel,
}: {
  deal: Deal;
  settings: Settings;
  onSaved: (saved: Activity) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const kindName = useId();
  const kindGroup = useRef<HTMLFieldSetElement>(null);
  const [kind, setKind] = useState<ManualKind>('note');
  const [text, setText] = useState('');
  const [date, setDate] = useState(() => format(new Date(), 'yyyy-MM-dd'));
  const [time, setTime] = useState(() => format(new Date(), 'HH:mm'));
  const [duration, setDuration] = useState('');
  const [outcome, setOutcome] = useState('');
  const [isPrivate, setIsPrivate] = useState(false);
  // Privacy only means something once the team shares the deal's timeline.
  const { data: syncStatus } = useQuery(syncStatusQuery(openDatabase()));
  const form = useInlineForm({
    write: (input: ManualActivityInput) => addManualActivity(openDatabase(), input),
    onSaved,
  });
  const errors = errorsFor(form.errors, kind);

  useEffect(() => {
    kindGroup.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, []);

  const submit = () => {
    const common = { dealId: deal.id, text, authorId: settings.user.id, private: isPrivate };
    form.save(
      kind === 'note'
        ? { ...common, kind }
        : { ...common, kind, date, time, durationMinutes: duration, outcome },
    );
  };

  return (
    <InlineForm
      form={form}
      label={t('activityForm.title')}
      testId="add-activity-form"
      submitLabel={t(`activityForm.save.${kind}`)}
      onSubmit={submit}
      onCancel={onCancel}
    >
      <fieldset ref={kindGroup} className="field activity-kinds">
        <legend>{t('activityForm.kind')}</legend>
        {KINDS.map((choice) => (
          <label key={choice} className="activity-kind-choice">
            <input
              type="radio"
              name={kindName}
              value={choice}
              checked={kind === choice}
              onChange={() => setKind(choice)}
            />
            <span>{t(`activity.kind.${choice}`)}</span>
          </label>
        ))}
      </fieldset>
      {kind !== 'note' && (
        <>
          <div className="activity-when">
            <FormField label={t('activityForm.date')} error={errors.date}>
              {(control) => (
                <input
                  {...control}
                  type="date"
                  value={date}
                  onChange={(event) => setDate(event.target.value)}
                />
              )}
            </FormField>
            <FormField label={t('activityForm.time')} error={errors.time}>
              {(control) => (
                <input
                  {...control}
                  type="time"
                  value={time}
                  onChange={(event) => setTime(event.target.value)}
                />
              )}
            </FormField>
          </div>
          <FormField label={t('activityForm.duration')} error={errors.duration}>
            {(control) => (
              <input
                {...control}
                className="activity-duration"
                inputMode="numeric"
                value={duration}
                onChange={(event) => setDuration(event.target.value)}
                autoComplete="off"
              />
            )}
          </FormField>
          <FormField label={t('activityForm.outcome')} error={errors.outcome}>
            {(control) => (
              <input
                {...control}
                value={outcome}
                onChange={(event) => setOutcome(event.target.value)}
                autoComplete="off"
              />
            )}
          </FormField>
        </>
      )}
      <FormField
        label={t(kind === 'note' ? 'activityForm.note' : 'activityForm.details')}
        error={errors.text}
      >
        {(control) => (
          <textarea {...control} rows={3} value={text} onChange={(event) => setText(event.target.value)} />
        )}
      </FormField>
      {syncStatus?.connected && (
        <label className="activity-private">
          <input
            type="checkbox"
            checked={isPrivate}
            onChange={(event) => setIsPrivate(event.target.checked)}
          />
          <span>{t('activityForm.private')}</span>
        </label>
      )}
      {errors.deal && <p className="field-error">{t(errors.deal)}</p>}
    </InlineForm>
  );
}
