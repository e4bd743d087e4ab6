import { compareHlc } from './hlc';
import {
  BOOKKEEPING_FIELDS,
  type FieldChange,
  type FieldState,
  type JsonValue,
  MUTABLE_ACTIVITY_FIELDS,
  type SyncCollection,
} from './protocol';

/**
 * Field-level merge, the one rule the server applies and the tests check against: per field the
 * later hybrid-logical-clock timestamp wins (ties cannot happen between different clients, the
 * client id is part of the timestamp). Nothing vanishes silently: a value that loses to a
 * concurrent one is returned as a conflict for the server to keep.
 */
export type MergeOutcome =
  | { kind: 'applied'; next: FieldState; conflict: Conflict | null }
  | { kind: 'duplicate' }
  | { kind: 'lost'; conflict: Conflict | null };

export interface Conflict {
  field: string;
  winner: FieldState;
  loser: FieldState;
  reason: 'concurrent' | 'append-only';
}

/** Structural equality of JSON values (object key order does not matter). */
export function sameJson(a: JsonValue, b: JsonValue): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => sameJson(item, b[index] as JsonValue));
  }
  const aRecord = a as Record<string, JsonValue>;
  const bRecord = b as Record<string, JsonValue>;
  const keys = Object.keys(aRecord);
  return (
    keys.length === Object.keys(bRecord).length &&
    keys.every((key) => key in bRecord && sameJson(aRecord[key] as JsonValue, bRecord[key] as JsonValue))
  );
}

function conflictOf(field: string, winner: FieldState, loser: FieldState): Conflict | null {
  if (BOOKKEEPING_FIELDS.has(field) || sameJson(winner.value, loser.value)) return null;
  return { field, winner, loser, reason: 'concurrent' };
}

export function mergeField(
  current: FieldState | undefined,
  change: Pick<FieldChange, 'field' | 'value' | 'hlc' | 'baseHlc'>,
): MergeOutcome {
  const incoming: FieldState = { value: change.value, hlc: change.hlc };
  if (current === undefined) return { kind: 'applied', next: incoming, conflict: null };
  const order = compareHlc(change.hlc, current.hlc);
  if (order === 0) return { kind: 'duplicate' };
  if (order > 0) {
    // The writer saw the value it replaces: an ordinary edit, not a conflict.
    const sawCurrent = change.baseHlc === current.hlc;
    return {
      kind: 'applied',
      next: incoming,
      conflict: sawCurrent ? null : conflictOf(change.field, incoming, current),
    };
  }
  return { kind: 'lost', conflict: conflictOf(change.field, current, incoming) };
}

export type RecordFields = Record<string, FieldState>;

export interface RecordMergeResult {
  fields: RecordFields;
  /** True when any field's value or timestamp changed. */
  changed: boolean;
  conflicts: Conflict[];
}

/**
 * Applies a client's changes to one record. `existedBefore` is whether the record was stored
 * before this mutation: an activity's fields are set when it is created and then only the
 * MUTABLE_ACTIVITY_FIELDS change.
 */
export function mergeRecord(
  collection: SyncCollection,
  stored: RecordFields | undefined,
  changes: readonly Pick<FieldChange, 'field' | 'value' | 'hlc' | 'baseHlc'>[],
): RecordMergeResult {
  const fields: RecordFields = { ...stored };
  const conflicts: Conflict[] = [];
  let changed = false;
  for (const change of changes) {
    if (collection === 'activities' && stored !== undefined && !MUTABLE_ACTIVITY_FIELDS.has(change.field)) {
      const current = fields[change.field];
      if (current && !sameJson(current.value, change.value)) {
        conflicts.push({
          field: change.field,
          winner: current,
          loser: { value: change.value, hlc: change.hlc },
          reason: 'append-only',
        });
      }
      if (current) continue;
    }
    const outcome = mergeField(fields[change.field], change);
    if (outcome.kind === 'applied') {
      fields[change.field] = outcome.next;
      changed = true;
    }
    if (outcome.kind !== 'duplicate' && outcome.conflict) conflicts.push(outcome.conflict);
  }
  return { fields, changed, conflicts };
}

/** The plain record a client stores: each field's winning value, with the id. */
export function recordValue(id: string, fields: RecordFields): Record<string, JsonValue> {
  const record: Record<string, JsonValue> = { id };
  for (const [field, state] of Object.entries(fields)) record[field] = state.value;
  return record;
}
