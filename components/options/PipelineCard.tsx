import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { renamePipeline, setPipelineArchived } from '@/lib/extension/pipeline/pipeline-edit';
import type { Id, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { FormField } from '../sidebar/FormField';
import { StageList } from './StageList';
import { usePipelineWrite } from './usePipelineWrite';

/** One active pipeline: its name (renamed in place), archiving, and its stages. */
export function PipelineCard({
  pipeline,
  dealCounts,
  authorId,
  isOnlyActive,
}: {
  pipeline: Pipeline;
  dealCounts: Record<Id, number> | null;
  authorId: Id;
  isOnlyActive: boolean;
}) {
  const { t } = useI18n();
  const headingId = useId();
  const archiveHintId = useId();
  const [renaming, setRenaming] = useState(false);
  const renameButton = useRef<HTMLButtonElement>(null);
  const archive = usePipelineWrite({
    write: () => setPipelineArchived(openDatabase(), pipeline.id, true),
  });
  const archiveError = archive.errors['pipeline.archived'] ?? archive.errors['pipeline.id'];

  const [focusRename, setFocusRename] = useState(false);
  // The Rename button is back only once the form has gone.
  useEffect(() => {
    if (!focusRename) return;
    renameButton.current?.focus();
    setFocusRename(false);
  }, [focusRename]);
  const closeRename = () => {
    setRenaming(false);
    setFocusRename(true);
  };

  return (
    <article className="pipeline" aria-labelledby={headingId} data-testid="pipeline">
      <header className="pipeline-header">
        <h3 id={headingId}>{pipeline.name}</h3>
        {!renaming && (
          <div className="actions">
            <button
              type="button"
              ref={renameButton}
              onClick={() => setRenaming(true)}
              aria-label={t('pipelines.renameNamed', { pipeline: pipeline.name })}
            >
              {t('pipelines.rename')}
            </button>
            <button
              type="button"
              aria-label={t('pipelines.archiveNamed', { pipeline: pipeline.name })}
              // Still focusable when it cannot act, so keyboard users reach the reason it gives.
              aria-disabled={isOnlyActive || archive.isSaving}
              aria-describedby={isOnlyActive ? archiveHintId : undefined}
              onClick={() => {
                if (!isOnlyActive && !archive.isSaving) archive.run(undefined);
              }}
            >
              {t('pipelines.archive')}
            </button>
          </div>
        )}
      </header>
      {isOnlyActive && (
        <p id={archiveHintId} className="help">
          {t('pipelines.error.lastActive')}
        </p>
      )}
      {archiveError && !isOnlyActive && (
        <p className="field-error" role="alert">
          {t(archiveError)}
        </p>
      )}
      {archive.failure && (
        <p className="status status-error" role="alert">
          {t('pipelines.saveFailed', { reason: archive.failure.message })}
        </p>
      )}
      {renaming && <RenamePipelineForm pipeline={pipeline} onClose={closeRename} />}
      <StageList pipeline={pipeline} dealCounts={dealCounts} authorId={authorId} />
    </article>
  );
}

function RenamePipelineForm({ pipeline, onClose }: { pipeline: Pipeline; onClose: () => void }) {
  const { t } = useI18n();
  const [name, setName] = useState(pipeline.name);
  const write = usePipelineWrite({
    write: (next: string) => renamePipeline(openDatabase(), pipeline.id, next),
    onDone: onClose,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.run(name);
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  return (
    <form
      className="rename-form"
      aria-label={t('pipelines.renameNamed', { pipeline: pipeline.name })}
      onSubmit={submit}
      onKeyDown={cancelOnEscape}
      noValidate
    >
      <FormField
        label={t('pipelines.name')}
        error={write.errors['pipeline.name'] ?? write.errors['pipeline.id']}
      >
        {(control) => (
          <input
            {...control}
            // biome-ignore lint/a11y/noAutofocus: the rep just chose Rename; the name is what they came to edit
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
          {t('pipelines.renameSave')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
