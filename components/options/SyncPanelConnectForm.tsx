import { type FormEvent, useRef, useState } from 'react';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { requestOriginAccess } from '@/lib/extension/sync/origin-access';
import { sendSyncMessage } from '@/lib/extension/sync/send-sync-message';
import { checkServerUrl, type ServerUrlProblem } from '@/lib/extension/sync/server-url';
import { syncErrorText } from '@/lib/extension/sync/sync-words';
import type { SyncError } from '@/lib/mail-page/messaging/sync-messages';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';

const URL_PROBLEMS: Record<ServerUrlProblem, MessageKey> = {
  empty: 'sync.problem.empty',
  invalid: 'sync.problem.invalid',
  insecure: 'sync.problem.insecure',
  credentials: 'sync.problem.credentials',
  query: 'sync.problem.query',
};

type State =
  | { step: 'idle' }
  | { step: 'connecting' }
  | { step: 'failed'; error: SyncError; serverUrl: string };

/** Not connected: the server address and token, checked here first, then tried by the background. */
export function SyncPanelConnectForm({
  initialServerUrl,
  onConnecting,
}: {
  initialServerUrl: string;
  onConnecting: () => void;
}) {
  const { t } = useI18n();
  const [serverUrl, setServerUrl] = useState(initialServerUrl);
  const [token, setToken] = useState('');
  const [urlProblem, setUrlProblem] = useState<ServerUrlProblem | null>(null);
  const [tokenMissing, setTokenMissing] = useState(false);
  const [state, setState] = useState<State>({ step: 'idle' });
  const urlField = useRef<HTMLInputElement>(null);
  const tokenField = useRef<HTMLInputElement>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (state.step === 'connecting') return;
    const checked = checkServerUrl(serverUrl);
    const noToken = token.trim() === '';
    setUrlProblem(checked.ok ? null : checked.problem);
    setTokenMissing(noToken);
    if (!checked.ok) return urlField.current?.focus();
    if (noToken) return tokenField.current?.focus();
    // Before any await: the browser shows its permission prompt only during the click (or Enter).
    const granted = requestOriginAccess(checked.origin);
    onConnecting();
    setState({ step: 'connecting' });
    const failed = (error: SyncError) => setState({ step: 'failed', error, serverUrl: checked.serverUrl });
    void granted
      .then(async (allowed) => {
        if (!allowed) return failed({ code: 'permission-denied', message: checked.origin });
        const reply = await sendSyncMessage('sync.connect', {
          serverUrl: checked.serverUrl,
          token: token.trim(),
        });
        // Connected: the status in the database changes, and the panel shows it instead of this form.
        if (reply.outcome === 'failed') failed(reply.error);
      })
      .catch((error: Error) => failed({ code: 'unknown', message: error.message }));
  };

  const connecting = state.step === 'connecting';
  return (
    <form onSubmit={submit} noValidate aria-describedby="sync-not-connected">
      <p id="sync-not-connected">{t('sync.notConnected')}</p>
      <div className="field">
        <label htmlFor="sync-server-url">{t('sync.serverUrl')}</label>
        <input
          ref={urlField}
          id="sync-server-url"
          type="url"
          inputMode="url"
          value={serverUrl}
          onChange={(event) => setServerUrl(event.target.value)}
          autoComplete="url"
          spellCheck={false}
          placeholder="https://sync.example.com"
          aria-invalid={urlProblem !== null}
          aria-describedby={
            urlProblem ? 'sync-server-url-problem sync-server-url-help' : 'sync-server-url-help'
          }
        />
        {urlProblem && (
          <p id="sync-server-url-problem" className="field-error" role="alert">
            {t(URL_PROBLEMS[urlProblem])}
          </p>
        )}
        <p id="sync-server-url-help" className="help">
          {t('sync.serverUrlHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor="sync-token">{t('sync.token')}</label>
        <input
          ref={tokenField}
          id="sync-token"
          type="password"
          value={token}
          onChange={(event) => setToken(event.target.value)}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={tokenMissing}
          aria-describedby={tokenMissing ? 'sync-token-problem sync-token-help' : 'sync-token-help'}
        />
        {tokenMissing && (
          <p id="sync-token-problem" className="field-error" role="alert">
            {t('sync.problem.token')}
          </p>
        )}
        <p id="sync-token-help" className="help">
          {t('sync.tokenHelp')}
        </p>
      </div>
      <div className="actions">
        <button type="submit" className="primary" disabled={connecting}>
          {connecting ? t('sync.connecting') : t('sync.connect')}
        </button>
        <span className="help">{t('sync.permissionNote')}</span>
      </div>
      {connecting && <StatusMessage kind="loading">{t('sync.connecting')}</StatusMessage>}
      {state.step === 'failed' && (
        <StatusMessage kind="error">{syncErrorText(state.error, state.serverUrl, t)}</StatusMessage>
      )}
    </form>
  );
}
