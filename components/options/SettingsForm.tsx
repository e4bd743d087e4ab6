import { type UseMutationResult, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { saveSettings } from '@/lib/extension/db/settings';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { problemMessage, problemOfIssue } from '@/lib/extension/i18n/problem-message';
import type { Translate } from '@/lib/extension/i18n/translate';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import { LANGUAGE_CHOICES, type Settings, settingsSchema } from '@/lib/shared/model';
import {
  checkNeverLogLines,
  NEVER_LOG_MAX_PATTERNS,
  type NeverLogLineProblem,
} from '@/lib/shared/model/never-log';
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
  const [neverLog, setNeverLog] = useState(settings.neverLog.join('\n'));
  const [logEmailBodies, setLogEmailBodies] = useState(settings.logEmailBodies);
  const [autoLogOpenDeals, setAutoLogOpenDeals] = useState(settings.autoLogOpenDeals);
  const [problems, setProblems] = useState<string | null>(null);
  const [neverLogProblems, setNeverLogProblems] = useState<string[]>([]);
  const neverLogField = useRef<HTMLTextAreaElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // Checked line by line first, so that each problem names the line the rep typed.
    const neverLogList = checkNeverLogLines(neverLog);
    const lineProblems = neverLogList.problems.map((problem) => describeLineProblem(problem, t));
    if (neverLogList.patterns.length > NEVER_LOG_MAX_PATTERNS) {
      lineProblems.push(
        t('options.neverLogTooMany', { count: neverLogList.patterns.length, max: NEVER_LOG_MAX_PATTERNS }),
      );
    }
    setNeverLogProblems(lineProblems);
    if (lineProblems.length > 0) {
      setProblems(null);
      neverLogField.current?.focus();
      return;
    }
    const candidate = {
      ...settings,
      user: { ...settings.user, name, email },
      ownDomains: domains
        .split(/[\s,]+/)
        .map((domain) => domain.trim())
        .filter(Boolean),
      defaultCurrency: currency,
      language,
      neverLog: neverLogList.patterns,
      logEmailBodies,
      autoLogOpenDeals,
    };
    const result = settingsSchema.safeParse(candidate);
    if (!result.success) {
      setProblems(
        result.error.issues
          .map(problemOfIssue)
          .map((problem) => `${problem.field} ${problemMessage(problem, t)}`)
          .join('; '),
      );
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
        <fieldset className="email-logging">
          <legend>{t('options.emailLogging')}</legend>
          <div className="field">
            <label htmlFor="never-log">{t('options.neverLog')}</label>
            <textarea
              id="never-log"
              ref={neverLogField}
              rows={5}
              value={neverLog}
              onChange={(event) => setNeverLog(event.target.value)}
              spellCheck={false}
              autoCapitalize="none"
              aria-invalid={neverLogProblems.length > 0}
              aria-describedby={
                neverLogProblems.length > 0 ? 'never-log-problems never-log-help' : 'never-log-help'
              }
            />
            {neverLogProblems.length > 0 && (
              <div id="never-log-problems" className="status status-error" role="alert">
                <p>{t('options.neverLogInvalid')}</p>
                <ul className="problems">
                  {neverLogProblems.map((problem) => (
                    <li key={problem}>{problem}</li>
                  ))}
                </ul>
              </div>
            )}
            <div id="never-log-help" className="help">
              <p>{t('options.neverLogHelp')}</p>
              <dl className="never-log-examples">
                {NEVER_LOG_EXAMPLES.map(([pattern, key]) => (
                  <div key={pattern}>
                    <dt>
                      <code>{pattern}</code>
                    </dt>
                    <dd>{t(key)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          </div>
          <div className="field checkbox-field">
            <input
              id="log-email-bodies"
              type="checkbox"
              checked={logEmailBodies}
              onChange={(event) => setLogEmailBodies(event.target.checked)}
              aria-describedby="log-email-bodies-help"
            />
            <label htmlFor="log-email-bodies">{t('options.logEmailBodies')}</label>
            <p id="log-email-bodies-help" className="help">
              {t('options.logEmailBodiesHelp')}
            </p>
          </div>
          <div className="field checkbox-field">
            <input
              id="auto-log-open-deals"
              type="checkbox"
              checked={autoLogOpenDeals}
              onChange={(event) => setAutoLogOpenDeals(event.target.checked)}
              aria-describedby="auto-log-open-deals-help"
            />
            <label htmlFor="auto-log-open-deals">{t('options.autoLogOpenDeals')}</label>
            <p id="auto-log-open-deals-help" className="help">
              {t('options.autoLogOpenDealsHelp')}
            </p>
          </div>
        </fieldset>
        <div className="actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {t('common.save')}
          </button>
          {save.isSuccess && !problems && neverLogProblems.length === 0 && (
            <StatusMessage kind="success">{t('common.saved')}</StatusMessage>
          )}
        </div>
        {problems && <StatusMessage kind="error">{t('options.settingsInvalid', { problems })}</StatusMessage>}
        {save.isError && <StatusMessage kind="error">{save.error.message}</StatusMessage>}
      </form>
    </section>
  );
}

const NEVER_LOG_EXAMPLES: readonly (readonly [string, MessageKey])[] = [
  ['ceo@acme.com', 'options.neverLogExample.address'],
  ['*@bank.com.tw', 'options.neverLogExample.domain'],
  ['bank.com.tw', 'options.neverLogExample.domainTree'],
  ['*.bank.com.tw', 'options.neverLogExample.subdomains'],
  ['noreply*@*', 'options.neverLogExample.wildcard'],
];

function describeLineProblem(problem: NeverLogLineProblem, t: Translate): string {
  const reason =
    problem.problem === 'duplicate'
      ? t('options.neverLogProblem.duplicate', { sameAsLine: problem.sameAsLine })
      : t(`options.neverLogProblem.${problem.problem}`);
  return t('options.neverLogLine', { line: problem.line, pattern: problem.text, problem: reason });
}
