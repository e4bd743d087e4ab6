import { useQueryClient } from '@tanstack/react-query';
import { format } from 'date-fns';
import { useRef, useState } from 'react';
import {
  backupFileName,
  exportBackup,
  RestoreWhileSyncedError,
  restoreBackup,
} from '@/lib/extension/backup/backup-io';
import type { Backup } from '@/lib/extension/backup/format';
import { type BackupProblem, validateBackup } from '@/lib/extension/backup/validate-backup';
import { COLLECTION_NAMES } from '@/lib/extension/db/collections';
import { openDatabase } from '@/lib/extension/db/database';
import { dateLocaleFor } from '@/lib/extension/i18n/translate';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';

type State =
  | { step: 'idle' }
  | { step: 'busy'; message: string }
  | { step: 'done'; message: string }
  | { step: 'failed'; message: string }
  | { step: 'invalid'; fileName: string; problems: BackupProblem[] }
  | { step: 'confirm'; fileName: string; backup: Backup };

function recordCount(backup: Backup): number {
  return COLLECTION_NAMES.reduce((total, name) => total + backup[name].length, 0);
}

export function BackupPanel() {
  const { t, language } = useI18n();
  const queryClient = useQueryClient();
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: 'idle' });

  const exportToFile = async () => {
    setState({ step: 'busy', message: t('backup.exporting') });
    try {
      const backup = await exportBackup(openDatabase());
      const fileName = backupFileName();
      const url = URL.createObjectURL(new Blob([JSON.stringify(backup)], { type: 'application/json' }));
      const link = document.createElement('a');
      link.href = url;
      link.download = fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState({ step: 'done', message: t('backup.exported', { fileName, count: recordCount(backup) }) });
    } catch (error) {
      setState({ step: 'failed', message: t('backup.exportFailed', { reason: (error as Error).message }) });
    }
  };

  const readFile = async (file: File) => {
    setState({ step: 'busy', message: t('backup.reading', { fileName: file.name }) });
    const validation = validateBackup(await file.text());
    setState(
      validation.ok
        ? { step: 'confirm', fileName: file.name, backup: validation.backup }
        : { step: 'invalid', fileName: file.name, problems: validation.problems },
    );
  };

  const restore = async (backup: Backup) => {
    setState({ step: 'busy', message: t('backup.importing') });
    try {
      await restoreBackup(openDatabase(), backup);
      await queryClient.invalidateQueries();
      setState({ step: 'done', message: t('backup.imported', { count: recordCount(backup) }) });
    } catch (error) {
      setState({
        step: 'failed',
        message:
          error instanceof RestoreWhileSyncedError
            ? t('backup.importWhileSynced')
            : t('backup.importFailed', { reason: (error as Error).message }),
      });
    }
  };

  return (
    <section aria-labelledby="backup-heading">
      <h2 id="backup-heading">{t('backup.heading')}</h2>
      <p className="help">{t('backup.explanation')}</p>
      <div className="actions">
        <button type="button" onClick={exportToFile} disabled={state.step === 'busy'}>
          {t('backup.export')}
        </button>
        <button type="button" onClick={() => fileInput.current?.click()} disabled={state.step === 'busy'}>
          {t('backup.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          hidden
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void readFile(file);
          }}
        />
      </div>
      {state.step === 'busy' && <StatusMessage kind="loading">{state.message}</StatusMessage>}
      {state.step === 'done' && <StatusMessage kind="success">{state.message}</StatusMessage>}
      {state.step === 'failed' && <StatusMessage kind="error">{state.message}</StatusMessage>}
      {state.step === 'invalid' && <ProblemList fileName={state.fileName} problems={state.problems} />}
      {state.step === 'confirm' && (
        <div
          className="status"
          role="alertdialog"
          aria-labelledby="confirm-title"
          aria-describedby="confirm-summary"
        >
          <h3 id="confirm-title">{t('backup.confirmTitle', { fileName: state.fileName })}</h3>
          <p id="confirm-summary">
            {t('backup.confirmSummary', {
              date: format(new Date(state.backup.exportedAt), 'PPpp', { locale: dateLocaleFor(language) }),
              count: recordCount(state.backup),
            })}
          </p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => restore(state.backup)}>
              {t('backup.confirmReplace')}
            </button>
            <button type="button" onClick={() => setState({ step: 'idle' })}>
              {t('common.cancel')}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}

const SHOWN_PROBLEMS = 100;

function ProblemList({ fileName, problems }: { fileName: string; problems: BackupProblem[] }) {
  const { t } = useI18n();
  return (
    <div className="status status-error" role="alert" data-testid="backup-problems">
      <strong>{t('backup.invalidTitle')}</strong> <span>{fileName}</span>
      <p id="backup-problem-count">{t('backup.problemCount', { count: problems.length })}</p>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a long list scrolls (options.css); keyboard users must reach it to scroll it (WCAG 2.1.1, axe scrollable-region-focusable) */}
      <ul className="problems" tabIndex={0} aria-labelledby="backup-problem-count">
        {problems.slice(0, SHOWN_PROBLEMS).map((problem) => (
          <li key={`${problem.collection}-${problem.index}-${problem.field}-${problem.message}`}>
            {problem.collection === 'file'
              ? t('backup.problemFile')
              : problem.index === null
                ? t(`collection.${problem.collection}`)
                : t('backup.problemWhere', {
                    collection: t(`collection.${problem.collection}`),
                    position: problem.index + 1,
                  })}
            {problem.recordId && <code> {problem.recordId}</code>}
            {problem.field && <code> {problem.field}</code>}: {problem.message}
          </li>
        ))}
      </ul>
      {problems.length > SHOWN_PROBLEMS && <p>{t('backup.moreProblems')}</p>}
    </div>
  );
}
