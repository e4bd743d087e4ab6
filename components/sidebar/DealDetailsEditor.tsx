import { useEffect, useId, useRef, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import type { MessageKey } from '@/lib/extension/i18n/en';
import { nextStepSuggestions } from '@/lib/extension/pipeline/deal-health';
import { type DealDetailsInput, updateDealDetails } from '@/lib/extension/pipeline/deal-updates';
import type { Deal, Pipeline } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { FormField } from './FormField';
import type { FieldErrors } from './form-problems';
import { InlineForm } from './InlineForm';
import { useDisclosureClose } from './useDisclosureClose';
import { useInlineForm } from './useInlineForm';

/** The nudge offers this many of the stage's suggestions: enough to choose, few enough to scan. */
const SUGGESTION_COUNT = 3;

type Editing = { focus: 'amount' | 'nextStep'; nextStepText?: string };

/**
 * "Edit" on a deal's facts: amount and currency, expected close date, next step and its due date,
 * inline. An open deal with no next step is nudged to add one, with the stage's suggestions; a
 * suggestion opens the form with it filled in. Escape or Cancel closes the form and focus goes
 * back to "Edit".
 */
export function DealDetailsEditor({ deal, pipeline }: { deal: Deal; pipeline: Pipeline | null }) {
  const { t, language } = useI18n();
  const [editing, setEditing] = useState<Editing | null>(null);
  const [saved, setSaved] = useState(false);
  const formId = useId();
  const stage = pipeline?.stages.find((candidate) => candidate.id === deal.stageId);
  const suggestions =
    deal.status === 'open' && !deal.nextStep && stage
      ? nextStepSuggestions(stage, language, deal.checklistDone ?? []).slice(0, SUGGESTION_COUNT)
      : [];
  const open = (next: Editing) => {
    setSaved(false);
    setEditing(next);
  };
  const { opener, close, closeOnEscape } = useDisclosureClose(() => setEditing(null));

  return (
    <div className="deal-details-editor" data-testid="deal-details-editor">
      <button
        ref={opener}
        type="button"
        className="process-edit"
        aria-expanded={editing !== null}
        aria-controls={editing ? formId : undefined}
        onClick={() => (editing ? close() : open({ focus: 'amount' }))}
        data-testid="deal-edit"
      >
        {t('process.edit')}
      </button>
      <div role="status" className="help" data-testid="deal-edit-status">
        {saved && <p>{t('process.edit.saved')}</p>}
      </div>
      {deal.status === 'open' && !deal.nextStep && !editing && (
        <div className="process-nudge" data-testid="next-step-nudge">
          <button
            type="button"
            className="link process-nudge-add"
            onClick={() => open({ focus: 'nextStep' })}
            data-testid="next-step-add"
          >
            {t('process.nudge')}
          </button>
          {suggestions.length > 0 && (
            <>
              <p className="help process-nudge-label">{t('process.nudge.suggestions')}</p>
              <ul className="plain process-suggestions">
                {suggestions.map((suggestion) => (
                  <li key={suggestion.text}>
                    <button
                      type="button"
                      className="process-suggestion"
                      onClick={() => open({ focus: 'nextStep', nextStepText: suggestion.text })}
                      data-testid="next-step-suggestion"
                    >
                      <bdi>{suggestion.text}</bdi>
                    </button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {editing && (
        // biome-ignore lint/a11y/noStaticElementInteractions: Escape anywhere in the form closes it
        <div id={formId} onKeyDown={closeOnEscape}>
          <DetailFields
            deal={deal}
            editing={editing}
            onCancel={close}
            onSaved={() => {
              setSaved(true);
              close();
            }}
          />
        </div>
      )}
    </div>
  );
}

/** How this form words the write's problems (the data layer's own messages are English). */
function errorsFor(
  errors: FieldErrors,
): Record<'amount' | 'currency' | 'close' | 'nextStep', MessageKey | undefined> {
  return {
    amount: errors['deal.amount'] ? 'process.error.amount' : undefined,
    currency: errors['deal.currency'] ? 'process.error.currency' : undefined,
    close: errors['deal.expectedCloseDate'] ? 'process.error.date' : undefined,
    nextStep: errors['deal.nextStep'] ? 'process.error.nextStep' : undefined,
  };
}

function DetailFields({
  deal,
  editing,
  onSaved,
  onCancel,
}: {
  deal: Deal;
  editing: Editing;
  onSaved: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [amount, setAmount] = useState(String(deal.amount));
  const [currency, setCurrency] = useState(deal.currency);
  const [closeDate, setCloseDate] = useState(deal.expectedCloseDate ?? '');
  const [nextStep, setNextStep] = useState(editing.nextStepText ?? deal.nextStep?.text ?? '');
  const [nextStepDue, setNextStepDue] = useState(deal.nextStep?.dueDate ?? '');
  const amountInput = useRef<HTMLInputElement>(null);
  const nextStepInput = useRef<HTMLInputElement>(null);
  const form = useInlineForm({
    write: (input: DealDetailsInput) => updateDealDetails(openDatabase(), input),
    onSaved,
  });
  const errors = errorsFor(form.errors);

  useEffect(() => {
    (editing.focus === 'nextStep' ? nextStepInput : amountInput).current?.focus();
  }, [editing.focus]);

  return (
    <InlineForm
      form={form}
      label={t('process.edit.label')}
      testId="deal-edit-form"
      submitLabel={t('common.save')}
      onCancel={onCancel}
      onSubmit={() =>
        form.save({
          dealId: deal.id,
          amount,
          currency,
          expectedCloseDate: closeDate,
          nextStep: { text: nextStep, dueDate: nextStepDue || null },
        })
      }
    >
      <div className="deal-edit-money">
        <FormField label={t('process.edit.amount')} error={errors.amount}>
          {(control) => (
            <input
              {...control}
              ref={amountInput}
              inputMode="decimal"
              value={amount}
              autoComplete="off"
              onChange={(event) => setAmount(event.target.value)}
              data-testid="deal-edit-amount"
            />
          )}
        </FormField>
        <FormField label={t('process.edit.currency')} error={errors.currency}>
          {(control) => (
            <input
              {...control}
              value={currency}
              maxLength={3}
              autoComplete="off"
              autoCapitalize="characters"
              spellCheck={false}
              onChange={(event) => setCurrency(event.target.value)}
              data-testid="deal-edit-currency"
            />
          )}
        </FormField>
      </div>
      <FormField label={t('process.edit.close')} error={errors.close}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={closeDate}
            onChange={(event) => setCloseDate(event.target.value)}
            data-testid="deal-edit-close"
          />
        )}
      </FormField>
      <FormField label={t('process.edit.nextStep')} error={errors.nextStep}>
        {(control) => (
          <input
            {...control}
            ref={nextStepInput}
            value={nextStep}
            maxLength={500}
            autoComplete="off"
            onChange={(event) => setNextStep(event.target.value)}
            data-testid="deal-edit-next-step"
          />
        )}
      </FormField>
      <FormField label={t('process.edit.nextStepDue')}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={nextStepDue}
            onChange={(event) => setNextStepDue(event.target.value)}
            data-testid="deal-edit-next-step-due"
          />
        )}
      </FormField>
    </InlineForm>
  );
}
