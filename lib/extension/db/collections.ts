import type { z } from 'zod';
import {
  activitySchema,
  companySchema,
  contactSchema,
  dealSchema,
  pipelineSchema,
  reminderSchema,
} from '../../shared/model';
import type { DealsideDatabase } from './database';

/** Every collection of records, with the schema each record must satisfy before it is stored. */
export const RECORD_SCHEMAS = {
  companies: companySchema,
  contacts: contactSchema,
  pipelines: pipelineSchema,
  deals: dealSchema,
  activities: activitySchema,
  reminders: reminderSchema,
} as const;

export type CollectionName = keyof typeof RECORD_SCHEMAS;
export type RecordOf<Name extends CollectionName> = z.infer<(typeof RECORD_SCHEMAS)[Name]>;

export const COLLECTION_NAMES = Object.keys(RECORD_SCHEMAS) as CollectionName[];

export class InvalidRecordError extends Error {
  constructor(
    readonly collection: CollectionName,
    readonly issues: readonly { path: string; message: string }[],
  ) {
    super(
      `Refused to store an invalid record in ${collection}: ${issues
        .map((issue) => `${issue.path || '(record)'} ${issue.message}`)
        .join('; ')}`,
    );
    this.name = 'InvalidRecordError';
  }
}

/** Validates with the collection's schema; the data layer never stores a record that fails it. */
export function validateRecord<Name extends CollectionName>(
  collection: Name,
  record: unknown,
): RecordOf<Name> {
  const result = RECORD_SCHEMAS[collection].safeParse(record);
  if (!result.success) {
    throw new InvalidRecordError(
      collection,
      result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    );
  }
  return result.data as RecordOf<Name>;
}

export async function putRecord<Name extends CollectionName>(
  database: DealsideDatabase,
  collection: Name,
  record: unknown,
): Promise<RecordOf<Name>> {
  const valid = validateRecord(collection, record);
  await database.table(collection).put(valid);
  return valid;
}
