import type { Reminder } from '../../lib/shared/model';

type Outcome = Pick<Reminder, 'source' | 'firedAt' | 'replySeenAt' | 'completedAt' | 'completion'>;

/** The firing fields of a manual reminder that has not fired yet. */
export const UNFIRED_REMINDER: Outcome = {
  source: 'manual',
  firedAt: null,
  replySeenAt: null,
  completedAt: null,
  completion: null,
};

/** The firing fields of a seeded manual reminder: done ones were fired and marked done at `doneAt`. */
export function reminderOutcome(done: boolean, doneAt: number): Outcome {
  return done
    ? { ...UNFIRED_REMINDER, firedAt: doneAt, completedAt: doneAt, completion: 'done' }
    : UNFIRED_REMINDER;
}
