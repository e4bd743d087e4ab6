import { QueryClient, QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { Dexie } from 'dexie';
import { type ReactNode, useEffect, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { createTranslator, resolveLanguage } from '@/lib/extension/i18n/translate';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import { I18nProvider } from './I18nProvider';
import { StatusMessage } from './StatusMessage';

/**
 * Everything an extension page needs: the query client, the language from settings, and views
 * that refresh when any extension context changes the database.
 */
export function AppShell({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: Infinity } } }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <RefreshOnDatabaseChange />
      <LanguageFromSettings>{children}</LanguageFromSettings>
    </QueryClientProvider>
  );
}

function RefreshOnDatabaseChange() {
  const queryClient = useQueryClient();
  useEffect(() => {
    // Dexie broadcasts committed writes to every context of this origin (background, sidebar, options).
    const invalidate = () => void queryClient.invalidateQueries();
    Dexie.on('storagemutated', invalidate);
    return () => Dexie.on('storagemutated').unsubscribe(invalidate);
  }, [queryClient]);
  return null;
}

function LanguageFromSettings({ children }: { children: ReactNode }) {
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const browserLanguage = resolveLanguage('auto', navigator.languages);
  if (settings.isPending) {
    return (
      <StatusMessage kind="loading">{createTranslator(browserLanguage)('common.loading')}</StatusMessage>
    );
  }
  const language = settings.data
    ? resolveLanguage(settings.data.language, navigator.languages)
    : browserLanguage;
  return <I18nProvider language={language}>{children}</I18nProvider>;
}
