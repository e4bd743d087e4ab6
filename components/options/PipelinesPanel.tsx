import { useQuery } from '@tanstack/react-query';
import { type FormEvent, type KeyboardEvent, useEffect, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { defaultPipeline } from '@/lib/extension/pipeline/default-pipeline';
import { createPipeline, setPipelineArchived } from '@/lib/extension/pipeline/pipeline-edit';
import { pipelinesQuery, stageDealCountsQuery } from '@/lib/extension/queries/pipeline-queries';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import type { Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { FormField } from '../sidebar/FormField';
import { PipelineCard } from './PipelineCard';
import { usePipelineWrite } from './usePipelineWrite';

/** The sales process (options page): pipelines, their stages and checklists. */
export function PipelinesPanel() {
  const { t } = useI18n();
  const database = openDatabase();
  const pipelines = useQuery(pipelinesQuery(database));
  const settings = useQuery(settingsQuery(database, navigator.language));
  const stageIds = (pipelines.data ?? []).flatMap((pipeline) => pipeline.stages.map((stage) => stage.id));
  const dealCounts = useQuery({ ...stageDealCountsQuery(database, stageIds), enabled: pipelines.isSuccess });

  return (
    <section aria-labelledby="pipelines-heading" className="pipelines-panel">
      <h2 id="pipelines-heading">{t('pipelines.heading')}</h2>
      <p className="help">{t('pipelines.explanation')}</p>
      {pipelines.isPending || settings.isPending ? (
        <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>
      ) : pipelines.isError || settings.isError ? (
        <StatusMessage kind="error">
          <p>{t('pipelines.loadError')}</p>
          <button type="button" onClick={() => void pipelines.refetch()}>
            {t('common.retry')}
          </button>
        </StatusMessage>
      ) : (
        <PipelineLists
          pipelines={pipelines.data}
          dealCounts={dealCounts.data ?? null}
          authorId={settings.data.user.id}
        />
      )}
    </section>
  );
}

function PipelineLists({
  pipelines,
  dealCounts,
  authorId,
}: {
  pipelines: readonly Pipeline[];
  dealCounts: Record<string, number> | null;
  authorId: string;
}) {
  const { t } = useI18n();
  const active = pipelines.filter((pipeline) => !pipeline.archived);
  const archived = pipelines.filter((pipeline) => pipeline.archived);
  return (
    <>
      {active.length === 0 && <StatusMessage kind="empty">{t('pipelines.empty')}</StatusMessage>}
      {active.map((pipeline) => (
        <PipelineCard
          key={pipeline.id}
          pipeline={pipeline}
          dealCounts={dealCounts}
          authorId={authorId}
          isOnlyActive={active.length === 1}
        />
      ))}
      <NewPipeline />
      {archived.length > 0 && (
        <details className="archived-pipelines">
          <summary>{t('pipelines.archivedHeading', { count: archived.length })}</summary>
          <ul>
            {archived.map((pipeline) => (
              <ArchivedPipeline key={pipeline.id} pipeline={pipeline} />
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function ArchivedPipeline({ pipeline }: { pipeline: Pipeline }) {
  const { t } = useI18n();
  const restore = usePipelineWrite({
    write: () => setPipelineArchived(openDatabase(), pipeline.id, false),
  });
  const problem = restore.errors['pipeline.name'] ?? restore.errors['pipeline.id'];
  return (
    <li>
      <span>{pipeline.name}</span>
      <button
        type="button"
        onClick={() => restore.run(undefined)}
        disabled={restore.isSaving}
        aria-label={t('pipelines.restoreNamed', { pipeline: pipeline.name })}
      >
        {t('pipelines.restore')}
      </button>
      {problem && (
        <p className="field-error" role="alert">
          {t(problem)}
        </p>
      )}
      {restore.failure && (
        <p className="status status-error" role="alert">
          {t('pipelines.saveFailed', { reason: restore.failure.message })}
        </p>
      )}
    </li>
  );
}

/** "New pipeline": a name, and the default stages in the page's language. */
function NewPipeline() {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const openButton = useRef<HTMLButtonElement>(null);
  const template = defaultPipeline(language);
  const [focusOpenButton, setFocusOpenButton] = useState(false);
  // The button is back only once the form has gone.
  useEffect(() => {
    if (!focusOpenButton) return;
    openButton.current?.focus();
    setFocusOpenButton(false);
  }, [focusOpenButton]);
  const close = () => {
    setOpen(false);
    setName('');
    setFocusOpenButton(true);
  };
  const write = usePipelineWrite({
    write: (next: string) => createPipeline(openDatabase(), { language, name: next }),
    onDone: (pipeline) => {
      setCreated(t('pipelines.created', { pipeline: pipeline.name }));
      close();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.run(name);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    write.clear();
    close();
  };

  if (!open) {
    return (
      <div className="new-pipeline">
        <button
          type="button"
          ref={openButton}
          onClick={() => {
            setCreated(null);
            setOpen(true);
          }}
        >
          {t('pipelines.new')}
        </button>
        {created && <StatusMessage kind="success">{created}</StatusMessage>}
      </div>
    );
  }
  return (
    <form
      className="new-pipeline"
      aria-label={t('pipelines.new')}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      noValidate
    >
      <FormField
        label={t('pipelines.name')}
        error={write.errors['pipeline.name']}
        hint={t('pipelines.newHint', {
          stages: template.stages.map((stage) => stage.name).join(' → '),
        })}
      >
        {(control) => (
          <input
            {...control}
            // biome-ignore lint/a11y/noAutofocus: the rep just chose New pipeline; its name comes first
            autoFocus
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="off"
          />
        )}
      </FormField>
      {write.failure && (
        <p className="status status-error" role="alert">
          {t('pipelines.saveFailed', { reason: write.failure.message })}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={write.isSaving}>
          {t('pipelines.create')}
        </button>
        <button
          type="button"
          onClick={() => {
            write.clear();
            close();
          }}
        >
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
