import type { FieldProblem } from '@/lib/extension/db/field-problems';
import type { MessageKey } from '@/lib/extension/i18n/en';

/**
 * The schemas' own messages are English; the form shows a localized message per field instead.
 * Fields are named `record.field`, as the write functions report them.
 */
const MESSAGE_BY_FIELD: Record<string, MessageKey> = {
  'contact.name': 'form.error.name',
  'company.name': 'form.error.name',
  'deal.title': 'form.error.name',
  'contact.emails': 'form.error.email',
  'contact.jobTitle': 'form.error.jobTitle',
  'company.domains': 'form.error.domain',
  'company.id': 'form.error.gone',
  'contact.id': 'form.error.gone',
  'deal.amount': 'form.error.amount',
  'deal.currency': 'form.error.currency',
  'deal.expectedCloseDate': 'form.error.date',
  'deal.stageId': 'form.error.stage',
};

export type FieldErrors = Partial<Record<string, MessageKey>>;

export function fieldErrorsOf(problems: readonly FieldProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const problem of problems)
    errors[problem.field] ??= MESSAGE_BY_FIELD[problem.field] ?? 'form.error.generic';
  return errors;
}
