import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { lostReasonChoices, saveLostReasons } from '@/lib/extension/pipeline/lost-reasons';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { FormField } from '../sidebar/FormField';
import { type PipelineWrite, usePipelineWrite } from './usePipelineWrite';

type ReasonsWrite = PipelineWrite<readonly string[] | null>;

/** The reasons "Mark lost" offers, one per line; the built-in list until the team writes its own. */
export function LostReasonsPanel() {
  const { t } = useI18n();
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const [notice, setNotice] = useState<string | null>(null);
  // Owned here, not by the form: a save restarts the form below, which must not lose the result.
  const write = usePipelineWrite({
    write: (reasons: readonly string[] | null) => saveLostReasons(openDatabase(), reasons),
    onDone: (_, reasons) =>
      setNotice(reasons === null ? t('pipelines.lostReasons.wasReset') : t('pipelines.lostReasons.saved')),
  });
  return (
    <section aria-labelledby="lost-reasons-heading">
      <h2 id="lost-reasons-heading">{t('pipelines.lostReasons.heading')}</h2>
      {settings.isPending ? (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      ) : settings.isError ? (
        <StatusMessage kind="error">{t('pipelines.loadError')}</StatusMessage>
      ) : (
        // Starts over when the stored list changes (here, or by an import or another tab).
        <LostReasonsForm
          key={JSON.stringify(settings.data.lostReasons)}
          settings={settings.data}
          write={write}
          notice={notice}
          onEdit={() => setNotice(null)}
        />
      )}
    </section>
  );
}

function LostReasonsForm({
  settings,
  write,
  notice,
  onEdit,
}: {
  settings: Settings;
  write: ReasonsWrite;
  /** What the last save did; the form is new after it, so the note puts focus back on Save. */
  notice: string | null;
  onEdit: () => void;
}) {
  const { t, language } = useI18n();
  const [text, setText] = useState(() => lostReasonChoices(settings, language).join('\n'));
  const saveButton = useRef<HTMLButtonElement>(null);
  const usesBuiltIn = settings.lostReasons === null;
  const focusSaveOnMount = useRef(notice !== null);

  useEffect(() => {
    if (focusSaveOnMount.current) saveButton.current?.focus();
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onEdit();
    // Blank lines are spacing, not reasons.
    write.run(text.split('\n').filter((line) => line.trim() !== ''));
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby="lost-reasons-heading">
      <FormField
        label={t('pipelines.lostReasons.label')}
        error={write.errors['settings.lostReasons'] ?? write.errors.settings}
        hint={usesBuiltIn ? t('pipelines.lostReasons.builtInHint') : t('pipelines.lostReasons.customHint')}
      >
        {(control) => (
          <textarea
            {...control}
            rows={8}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              onEdit();
            }}
          />
        )}
      </FormField>
      {write.failure && (
        <p className="status status-error" role="alert">
          {t('pipelines.saveFailed', { reason: write.failure.message })}
        </p>
      )}
      <div className="actions">
        <button type="submit" ref={saveButton} className="primary" disabled={write.isSaving}>
          {t('pipelines.lostReasons.save')}
        </button>
        {!usesBuiltIn && (
          <button
            type="button"
            disabled={write.isSaving}
            onClick={() => {
              onEdit();
              write.run(null);
            }}
          >
            {t('pipelines.lostReasons.reset')}
          </button>
        )}
        {notice && <StatusMessage kind="success">{notice}</StatusMessage>}
      </div>
    </form>
  );
}
