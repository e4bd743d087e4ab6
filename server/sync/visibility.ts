import type { Role, SyncCollection } from '../../lib/shared/sync/protocol';

export type Viewer = { userId: string; role: Role };
export type VisibilityFacts = { collection: SyncCollection; createdBy: string; private: boolean };

/**
 * docs/sync.md, Visibility: the team sees its records, except that reminders are their creator's
 * alone (a manager's browser must not fire a rep's reminders) and a private activity is seen by
 * its creator and the team's managers and admins.
 */
export function canSee(record: VisibilityFacts, viewer: Viewer): boolean {
  if (record.createdBy === viewer.userId) return true;
  if (record.collection === 'reminders') return false;
  if (record.collection === 'activities' && record.private) return viewer.role !== 'rep';
  return true;
}
