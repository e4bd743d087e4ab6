import { useId, useRef, useState } from 'react';
import { lostReasonChoices } from '@/lib/extension/pipeline/lost-reasons';
import type { Settings } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { PromptDialog } from './PromptDialog';

const OWN_WORDS = 'own-words';
const REASON_LIMIT = 500;

/**
 * "Why was it lost?": one of the team's reasons (lostReasonChoices) or the rep's own words. The
 * caller writes markLost with the reason handed to `onConfirm` and renders the prompt only while
 * it is asked.
 */
export function LostReasonPrompt({
  dealTitle,
  settings,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
}: {
  dealTitle: string;
  settings: Pick<Settings, 'lostReasons'>;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
  busy?: boolean;
  error?: string | null;
}) {
  const { t, language } = useI18n();
  const name = useId();
  const ownId = useId();
  const neededId = useId();
  const reasons = lostReasonChoices(settings, language);
  const [selected, setSelected] = useState<string | null>(null);
  const [ownWords, setOwnWords] = useState('');
  const [showNeeded, setShowNeeded] = useState(false);
  const group = useRef<HTMLFieldSetElement>(null);
  const ownInput = useRef<HTMLInputElement>(null);
  const reason = selected === OWN_WORDS ? ownWords.trim() : (selected ?? '');

  const confirm = () => {
    if (reason !== '') {
      onConfirm(reason);
      return;
    }
    setShowNeeded(true);
    if (selected === OWN_WORDS) ownInput.current?.focus();
    else group.current?.querySelector('input')?.focus();
  };

  return (
    <PromptDialog
      title={t('process.lost.title', { deal: dealTitle })}
      testId="lost-reason-prompt"
      confirmLabel={t('process.lost.confirm')}
      onConfirm={confirm}
      onCancel={onCancel}
      busy={busy}
      error={error}
    >
      <fieldset
        ref={group}
        className="deal-prompt-reasons"
        aria-invalid={(showNeeded && reason === '') || undefined}
        aria-describedby={showNeeded && reason === '' ? neededId : undefined}
      >
        <legend>{t('process.lost.reason')}</legend>
        {[...reasons, OWN_WORDS].map((choice) => (
          <label key={choice} className="deal-prompt-choice">
            <input
              type="radio"
              name={name}
              value={choice}
              checked={selected === choice}
              onChange={() => setSelected(choice)}
              data-testid="lost-reason-choice"
            />
            {choice === OWN_WORDS ? t('process.lost.own') : <bdi>{choice}</bdi>}
          </label>
        ))}
      </fieldset>
      {selected === OWN_WORDS && (
        <div className="deal-prompt-field">
          <label htmlFor={ownId}>{t('process.lost.ownLabel')}</label>
          <input
            id={ownId}
            ref={ownInput}
            value={ownWords}
            maxLength={REASON_LIMIT}
            autoComplete="off"
            onChange={(event) => setOwnWords(event.target.value)}
            data-testid="lost-reason-own"
          />
        </div>
      )}
      {showNeeded && reason === '' && (
        <p id={neededId} className="deal-prompt-error" role="alert" data-testid="lost-reason-needed">
          {t('process.lost.needed')}
        </p>
      )}
    </PromptDialog>
  );
}
