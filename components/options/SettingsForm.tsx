import { type UseMutationResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { openDatabase } from '@/lib/db/database';
import { saveSettings } from '@/lib/db/settings';
import type { MessageKey } from '@/lib/i18n/en';
import { LANGUAGE_CHOICES, type Settings, settingsSchema } from '@/lib/model';
import { settingsQuery } from '@/lib/queries/query-keys';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';

const COMMON_CURRENCIES = ['TWD', 'USD', 'EUR', 'JPY', 'CNY', 'HKD', 'SGD', 'GBP', 'KRW', 'AUD'];

export function SettingsForm() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  // Owned here, not by the fields: saving changes updatedAt, which remounts the fields below.
  const save = useMutation({
    mutationFn: (next: Settings) => saveSettings(openDatabase(), next),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['settings'] }),
  });
  if (settings.isPending) return <StatusMessage kind="loading">{t('common.loading')}</StatusMessage>;
  if (settings.isError) {
    return (
      <StatusMessage kind="error">
        {t('common.errorTitle')}: {settings.error.message}
      </StatusMessage>
    );
  }
  // Keyed by updatedAt so the fields start over when settings change elsewhere (an import, another tab).
  return <SettingsFields key={settings.data.updatedAt} settings={settings.data} save={save} />;
}

type SaveMutation = UseMutationResult<Settings, Error, Settings>;

function SettingsFields({ settings, save }: { settings: Settings; save: SaveMutation }) {
  const { t } = useI18n();
  const [name, setName] = useState(settings.user.name);
  const [email, setEmail] = useState(settings.user.email);
  const [domains, setDomains] = useState(settings.ownDomains.join('\n'));
  const [currency, setCurrency] = useState(settings.defaultCurrency);
  const [language, setLanguage] = useState(settings.language);
  const [problems, setProblems] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const candidate = {
      ...settings,
      user: { ...settings.user, name, email },
      ownDomains: domains
        .split(/[\s,]+/)
        .map((domain) => domain.trim())
        .filter(Boolean),
      defaultCurrency: currency,
      language,
    };
    const result = settingsSchema.safeParse(candidate);
    if (!result.success) {
      setProblems(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`).join('; '));
      return;
    }
    setProblems(null);
    save.mutate(result.data);
  };

  const currencies = COMMON_CURRENCIES.includes(currency)
    ? COMMON_CURRENCIES
    : [currency, ...COMMON_CURRENCIES];

  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('options.settingsHeading')}</h2>
      <form onSubmit={submit} noValidate>
        <div className="field">
          <label htmlFor="user-name">{t('options.userName')}</label>
          <input
            id="user-name"
            value={name}
            onChange={(event) => setName(event.target.value)}
            autoComplete="name"
          />
        </div>
        <div className="field">
          <label htmlFor="user-email">{t('options.userEmail')}</label>
          <input
            id="user-email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            autoComplete="email"
          />
        </div>
        <div className="field">
          <label htmlFor="own-domains">{t('options.ownDomains')}</label>
          <textarea
            id="own-domains"
            rows={3}
            value={domains}
            onChange={(event) => setDomains(event.target.value)}
            aria-describedby="own-domains-help"
          />
          <p id="own-domains-help" className="help">
            {t('options.ownDomainsHelp')}
          </p>
        </div>
        <div className="field">
          <label htmlFor="default-currency">{t('options.defaultCurrency')}</label>
          <select
            id="default-currency"
            value={currency}
            onChange={(event) => setCurrency(event.target.value)}
          >
            {currencies.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="language">{t('options.language')}</label>
          <select
            id="language"
            value={language}
            onChange={(event) => setLanguage(event.target.value as Settings['language'])}
          >
            {LANGUAGE_CHOICES.map((choice) => (
              <option key={choice} value={choice}>
                {t(`options.language.${choice}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
          {save.isSuccess && !problems && <StatusMessage kind="success">{t('common.saved')}</StatusMessage>}
        </div>
        {problems && <StatusMessage kind="error">{t('options.settingsInvalid', { problems })}</StatusMessage>}
        {save.isError && <StatusMessage kind="error">{save.error.message}</StatusMessage>}
      </form>
    </section>
  );
}
