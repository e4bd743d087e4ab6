import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { MessageKey } from '@/lib/extension/i18n/en';
import type { StageInput } from '@/lib/extension/pipeline/pipeline-edit';
import { type Id, STAGE_KINDS, type StageKind } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { FormField } from '../sidebar/FormField';
import type { PipelineWrite } from './usePipelineWrite';

/** What the fields hold: numbers stay text until saved, so a half-typed value is never rewritten. */
type Draft = {
  name: string;
  probability: string;
  kind: StageKind;
  expectedDays: string;
  staleAfterDays: string;
  checklist: { key: string; id?: Id; label: string }[];
};

export const NEW_STAGE: StageInput = {
  name: '',
  probability: 50,
  kind: 'open',
  expectedDays: null,
  staleAfterDays: null,
  checklist: [],
};

function draftOf(stage: StageInput): Draft {
  return {
    name: stage.name,
    probability: String(stage.probability),
    kind: stage.kind,
    expectedDays: stage.expectedDays === null ? '' : String(stage.expectedDays),
    staleAfterDays: stage.staleAfterDays === null ? '' : String(stage.staleAfterDays),
    checklist: stage.checklist.map((item, index) => ({ key: item.id ?? `new-${index}`, ...item })),
  };
}

/** Empty means "not said" for the day limits; anything else not a number becomes NaN, which the data layer names. */
function daysOf(text: string): number | null {
  return text.trim() === '' ? null : Number(text.trim());
}

function inputOf(draft: Draft): StageInput {
  const probability = draft.probability.trim();
  return {
    name: draft.name,
    probability: probability === '' ? Number.NaN : Number(probability),
    kind: draft.kind,
    expectedDays: daysOf(draft.expectedDays),
    staleAfterDays: daysOf(draft.staleAfterDays),
    checklist: draft.checklist.map((item) =>
      item.id ? { id: item.id, label: item.label } : { label: item.label },
    ),
  };
}

/**
 * A stage's settings and its key-information checklist, saved together. Escape cancels.
 * `kindFixed` is set for the won and lost stages, whose kind Mark won / Mark lost rely on.
 */
export function StageForm({
  initial,
  label,
  submitLabel,
  kindFixed,
  write,
  onCancel,
}: {
  initial: StageInput;
  label: string;
  submitLabel: string;
  kindFixed: boolean;
  write: PipelineWrite<StageInput>;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(() => draftOf(initial));
  const nextKey = useRef(0);
  const itemInputs = useRef(new Map<string, HTMLInputElement>());
  const addItemButton = useRef<HTMLButtonElement>(null);
  const [focusItem, setFocusItem] = useState<string | null>(null);
  const checklistErrorId = useId();
  const errors = write.errors;
  // A kind change is what can break the pipeline's order rules, so their message sits at the kind.
  const kindError = errors['stage.kind'] ?? errors['pipeline.stages'];

  const goneError = errors['pipeline.id'] ?? errors['stage.id'];

  useEffect(() => {
    if (focusItem === null) return;
    itemInputs.current.get(focusItem)?.focus();
    setFocusItem(null);
  }, [focusItem]);

  const change = (fields: Partial<Draft>) => setDraft((current) => ({ ...current, ...fields }));
  const setItems = (checklist: Draft['checklist']) => change({ checklist });

  const addItem = () => {
    nextKey.current += 1;
    const key = `added-${nextKey.current}`;
    setItems([...draft.checklist, { key, label: '' }]);
    setFocusItem(key);
  };
  const removeItem = (index: number) => {
    const remaining = draft.checklist.filter((_, position) => position !== index);
    setItems(remaining);
    // Focus stays in the list: the item that took this one's place, else the one before, else "Add item".
    const neighbour = remaining[index] ?? remaining[index - 1];
    if (neighbour) itemInputs.current.get(neighbour.key)?.focus();
    else addItemButton.current?.focus();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    write.run(inputOf(draft));
  };
  const cancelOnEscape = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onCancel();
  };

  return (
    <form className="stage-form" aria-label={label} onSubmit={submit} onKeyDown={cancelOnEscape} noValidate>
      <div className="stage-form-grid">
        <FormField label={t('pipelines.stage.name')} error={errors['stage.name']}>
          {(control) => (
            <input
              {...control}
              value={draft.name}
              onChange={(event) => change({ name: event.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField label={t('pipelines.stage.probability')} error={errors['stage.probability']}>
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.probability}
              onChange={(event) => change({ probability: event.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          label={t('pipelines.stage.kind')}
          error={kindError}
          hint={kindFixed ? t('pipelines.stage.kindFixedHint') : undefined}
        >
          {(control) => (
            <select
              {...control}
              value={draft.kind}
              disabled={kindFixed}
              onChange={(event) => change({ kind: event.target.value as StageKind })}
            >
              {STAGE_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {t(`pipelines.kind.${kind}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          label={t('pipelines.stage.expectedDays')}
          error={errors['stage.expectedDays']}
          hint={t('pipelines.stage.optionalDaysHint')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.expectedDays}
              onChange={(event) => change({ expectedDays: event.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
        <FormField
          label={t('pipelines.stage.staleAfterDays')}
          error={errors['stage.staleAfterDays']}
          hint={t('pipelines.stage.staleHint')}
        >
          {(control) => (
            <input
              {...control}
              inputMode="numeric"
              value={draft.staleAfterDays}
              onChange={(event) => change({ staleAfterDays: event.target.value })}
              autoComplete="off"
            />
          )}
        </FormField>
      </div>
      <fieldset
        className="checklist-editor"
        aria-describedby={errors['stage.checklist'] ? checklistErrorId : undefined}
      >
        <legend>{t('pipelines.checklist.legend')}</legend>
        <p className="help">{t('pipelines.checklist.help')}</p>
        {draft.checklist.length === 0 && <p className="help">{t('pipelines.checklist.empty')}</p>}
        <ol className="checklist-items">
          {draft.checklist.map((item, index) => (
            <li key={item.key}>
              <input
                ref={(element) => {
                  if (element) itemInputs.current.set(item.key, element);
                  else itemInputs.current.delete(item.key);
                }}
                aria-label={t('pipelines.checklist.item', { position: index + 1 })}
                aria-invalid={Boolean(errors['stage.checklist'])}
                value={item.label}
                onChange={(event) =>
                  setItems(
                    draft.checklist.map((other) =>
                      other.key === item.key ? { ...other, label: event.target.value } : other,
                    ),
                  )
                }
                autoComplete="off"
              />
              <button
                type="button"
                onClick={() => removeItem(index)}
                aria-label={t('pipelines.checklist.remove', {
                  item: item.label.trim() || t('pipelines.checklist.item', { position: index + 1 }),
                })}
              >
                {t('pipelines.checklist.removeShort')}
              </button>
            </li>
          ))}
        </ol>
        <button type="button" ref={addItemButton} onClick={addItem}>
          {t('pipelines.checklist.add')}
        </button>
        {errors['stage.checklist'] && (
          <p id={checklistErrorId} className="field-error" data-testid="field-error">
            {t(errors['stage.checklist'])}
          </p>
        )}
      </fieldset>
      {goneError && (
        <p className="status status-error" role="alert">
          {t(goneError)}
        </p>
      )}
      {write.failure && (
        <p className="status status-error" role="alert">
          {t('pipelines.saveFailed', { reason: write.failure.message })}
        </p>
      )}
      {Object.keys(errors).length > 0 && (
        <p className="field-error" role="alert">
          {t('pipelines.fixErrors')}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={write.isSaving}>
          {submitLabel}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
