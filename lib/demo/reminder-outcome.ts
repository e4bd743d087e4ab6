import type { Reminder } from '../model';

type Outcome = Pick<Reminder, 'source' | 'firedAt' | 'replySeenAt' | 'completedAt' | 'completion'>;

/** The firing fields of a seeded manual reminder: done ones were fired and marked done at `doneAt`. */
export function reminderOutcome(done: boolean, doneAt: number): Outcome {
  return {
    source: 'manual',
    firedAt: done ? doneAt : null,
    replySeenAt: null,
    completedAt: done ? doneAt : null,
    completion: done ? 'done' : null,
  };
}
