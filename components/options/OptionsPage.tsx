import { useEffect } from 'react';
import { useI18n } from '../I18nProvider';
import { BackupPanel } from './BackupPanel';
import { LostReasonsPanel } from './LostReasonsPanel';
import { PipelinesPanel } from './PipelinesPanel';
import { ReportingPanel } from './ReportingPanel';
import { SettingsForm } from './SettingsForm';
import { SyncPanel } from './SyncPanel';
import './options.css';

export function OptionsPage() {
  const { t } = useI18n();
  useEffect(() => {
    document.title = t('options.title');
  }, [t]);
  return (
    <main className="options">
      <h1>{t('options.title')}</h1>
      <SettingsForm />
      <PipelinesPanel />
      <LostReasonsPanel />
      <ReportingPanel />
      <BackupPanel />
      <SyncPanel />
    </main>
  );
}
