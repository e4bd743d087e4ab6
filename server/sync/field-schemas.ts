import type { z } from 'zod';
import { activitySchema } from '../../lib/shared/model/activity';
import { companySchema } from '../../lib/shared/model/company';
import { contactSchema } from '../../lib/shared/model/contact';
import { dealSchema } from '../../lib/shared/model/deal';
import { pipelineSchema } from '../../lib/shared/model/pipeline';
import { reminderSchema } from '../../lib/shared/model/reminder';
import type { SyncCollection } from '../../lib/shared/sync/protocol';

/**
 * The schema of each synced field, from the record schemas in lib/shared/model: a pushed value must be
 * one the extension could store. Fields are checked one at a time, so rules across fields (a lost
 * reason only on lost deals) are the extension's to keep.
 */
type Shape = Readonly<Record<string, z.ZodType>>;

const RECORD_SHAPES: Record<Exclude<SyncCollection, 'activities'>, Shape> = {
  companies: companySchema.shape,
  contacts: contactSchema.shape,
  pipelines: pipelineSchema.shape,
  deals: dealSchema.shape,
  reminders: reminderSchema.shape,
};

const ACTIVITY_SHAPES: readonly Shape[] = activitySchema.options.map((option) => option.shape);

/**
 * The schemas a field's value may match: one for most collections; for activities, one per kind
 * that has the field (all kinds when the record's kind is not known). Empty: no such field.
 */
function fieldSchemas(collection: SyncCollection, field: string, activityKind?: unknown): z.ZodType[] {
  if (collection !== 'activities') {
    const schema = Object.hasOwn(RECORD_SHAPES[collection], field)
      ? RECORD_SHAPES[collection][field]
      : undefined;
    return schema ? [schema] : [];
  }
  return ACTIVITY_SHAPES.filter(
    (shape) => activityKind === undefined || (shape.kind?.safeParse(activityKind).success ?? false),
  ).flatMap((shape) => (Object.hasOwn(shape, field) && shape[field] ? [shape[field]] : []));
}

export type FieldProblem = { kind: 'unknown-field' } | { kind: 'invalid-value'; message: string };

/** PostgreSQL text and jsonb cannot hold the NUL character, in values or in object keys. */
function containsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (Array.isArray(value)) return value.some(containsNul);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item));
  }
  return false;
}

/** Why a value cannot be stored in a field, or null when it can. */
export function fieldProblem(
  collection: SyncCollection,
  field: string,
  value: unknown,
  activityKind?: unknown,
): FieldProblem | null {
  const schemas = fieldSchemas(collection, field, activityKind);
  if (schemas.length === 0) return { kind: 'unknown-field' };
  if (containsNul(value)) {
    return {
      kind: 'invalid-value',
      message: `${collection}.${field} contains a NUL character, which cannot be stored`,
    };
  }
  let firstError: z.ZodError | undefined;
  for (const schema of schemas) {
    const result = schema.safeParse(value);
    if (result.success) return null;
    firstError ??= result.error;
  }
  const issue = firstError?.issues[0];
  const where = [field, ...(issue?.path.map(String) ?? [])].join('.');
  return { kind: 'invalid-value', message: `${collection}.${where} ${issue?.message ?? 'is invalid'}` };
}
