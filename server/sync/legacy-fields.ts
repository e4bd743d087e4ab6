import { LEGACY_JOB_TITLE_FIELD } from '../../lib/shared/model/contact';
import type { FieldChange, PushRequest } from '../../lib/shared/sync/protocol';

function renamed(change: FieldChange): FieldChange {
  return change.collection === 'contacts' && change.field === LEGACY_JOB_TITLE_FIELD
    ? { ...change, field: 'jobTitle' }
    : change;
}

/**
 * The push with fields named as extensions before database version 9 named them: a contact's
 * `title` is its `jobTitle`. Teammates who have not updated yet keep syncing their edits; the
 * server stores only the current name (migration 002 renamed what it held).
 */
export function withLegacyFieldsRenamed(request: PushRequest): PushRequest {
  return {
    ...request,
    mutations: request.mutations.map((mutation) => ({ ...mutation, changes: mutation.changes.map(renamed) })),
  };
}
