import { sameJson } from '../../../shared/sync/merge';
import { type JsonValue, UNSYNCED_FIELDS } from '../../../shared/sync/protocol';

/** A stored record as sync sees it: top-level fields with JSON values. */
export type StoredRecord = Record<string, unknown>;

/** The record's synced fields: everything but the id and derived index fields; undefined is absence. */
export function syncedFields(record: StoredRecord): [string, JsonValue][] {
  const fields: [string, JsonValue][] = [];
  for (const [field, value] of Object.entries(record)) {
    if (!UNSYNCED_FIELDS.has(field) && value !== undefined) fields.push([field, value as JsonValue]);
  }
  return fields;
}

/**
 * The fields a write changed, with their new values. A record written where none was stores all
 * its fields; a field the write dropped becomes null (the wire has no "absent").
 */
export function changedFields(before: StoredRecord | undefined, after: StoredRecord): Map<string, JsonValue> {
  const changed = new Map<string, JsonValue>();
  for (const [field, value] of syncedFields(after)) {
    const previous = before?.[field];
    if (previous === undefined || !sameJson(previous as JsonValue, value)) changed.set(field, value);
  }
  if (before) {
    for (const [field] of syncedFields(before)) {
      if (after[field] === undefined) changed.set(field, null);
    }
  }
  return changed;
}
