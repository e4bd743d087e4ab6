import { decodeHlc } from '../../lib/shared/sync/hlc';
import { LIMITS, type PushRequest } from '../../lib/shared/sync/protocol';
import { type ErrorIssue, HttpError } from '../http/errors';
import { fieldProblem } from './field-schemas';

/** Enough to fix a push by; a push of 5,000 bad changes need not echo all of them. */
const MAX_ISSUES = 100;

/** The `kind` each pushed activity sets, so its other fields are checked against that kind. */
function pushedActivityKinds(request: PushRequest): Map<string, unknown> {
  const kinds = new Map<string, unknown>();
  for (const mutation of request.mutations) {
    for (const change of mutation.changes) {
      if (change.collection === 'activities' && change.field === 'kind')
        kinds.set(change.recordId, change.value);
    }
  }
  return kinds;
}

/**
 * Checks every change before the push takes the team's lock: each field exists in its collection
 * and its value is one the extension could store (422, naming each field), and no clock is more
 * than LIMITS.maxClockAheadMs ahead of the server's (422 `clock-ahead`).
 */
export function validatePushChanges(request: PushRequest, now: number): void {
  const kinds = pushedActivityKinds(request);
  const unknownFields: ErrorIssue[] = [];
  const invalidValues: ErrorIssue[] = [];
  const aheadClocks: ErrorIssue[] = [];
  request.mutations.forEach((mutation, mutationIndex) => {
    mutation.changes.forEach((change, changeIndex) => {
      const path = `mutations.${mutationIndex}.changes.${changeIndex}`;
      const problem = fieldProblem(change.collection, change.field, change.value, kinds.get(change.recordId));
      if (problem?.kind === 'unknown-field') {
        unknownFields.push({
          path: `${path}.field`,
          message: `${change.collection} has no field ${change.field}`,
        });
      } else if (problem) {
        invalidValues.push({ path: `${path}.value`, message: problem.message });
      }
      if (decodeHlc(change.hlc).wall > now + LIMITS.maxClockAheadMs) {
        aheadClocks.push({ path: `${path}.hlc`, message: 'is more than an hour ahead of the server' });
      }
    });
  });
  if (aheadClocks.length > 0) {
    throw new HttpError(422, {
      error: 'clock-ahead',
      message:
        "Your computer's clock is ahead of the server's by more than an hour, so your changes cannot be " +
        'ordered. Correct the date and time in your system settings; Dealside syncs again afterwards.',
      issues: aheadClocks.slice(0, MAX_ISSUES),
    });
  }
  const issues = [...unknownFields, ...invalidValues];
  if (issues.length > 0) {
    throw new HttpError(422, {
      error: unknownFields.length > 0 ? 'unknown-field' : 'invalid-field',
      message: `The push changes fields that cannot be stored: ${issues
        .slice(0, 5)
        .map((issue) => issue.message)
        .join('; ')}.`,
      issues: issues.slice(0, MAX_ISSUES),
    });
  }
}
