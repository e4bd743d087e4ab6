import { type FormEvent, type ReactNode, useId, useLayoutEffect, useRef } from 'react';
import { useI18n } from '../I18nProvider';
import './deal.css';

/**
 * A modal question about one deal, on a native <dialog> opened with showModal(): the rest of the
 * page is inert, so focus stays inside, and Escape is the dialog's cancel. Focus goes back to
 * whatever opened it (when that is still on the page) once the dialog is gone.
 */
export function PromptDialog({
  title,
  testId,
  confirmLabel,
  onConfirm,
  onCancel,
  busy = false,
  error = null,
  children,
}: {
  title: string;
  testId: string;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /**
   * True while the caller writes: Confirm does nothing, so a double click cannot write twice. It
   * stays focusable (aria-disabled), as a disabled button would drop focus out of the dialog.
   */
  busy?: boolean;
  /** Why the caller's write failed, shown inside the dialog so the rep can retry or cancel. */
  error?: string | null;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useLayoutEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => {
      element?.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!busy) onConfirm();
  };

  return (
    <dialog
      ref={dialog}
      className="deal-prompt"
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        // The parent decides whether the dialog stays rendered; closing it here would desync them.
        event.preventDefault();
        onCancel();
      }}
    >
      <form className="deal-prompt-form" onSubmit={submit} noValidate>
        <h2 id={titleId} className="deal-prompt-title">
          {title}
        </h2>
        {children}
        {error && (
          <p className="deal-prompt-error" role="alert" data-testid="prompt-error">
            {error}
          </p>
        )}
        <div className="deal-prompt-actions">
          <button
            type="submit"
            className="primary"
            aria-disabled={busy || undefined}
            data-testid="prompt-confirm"
          >
            {confirmLabel}
          </button>
          <button type="button" onClick={onCancel} data-testid="prompt-cancel">
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
