import type { Activity, Deal, Id, Stage, StageKind } from '../../shared/model';
import type { Language } from '../i18n/translate';
import { type CalendarDate, calendarDateAt, calendarDaysBetween } from './calendar-dates';

/**
 * An open deal whose expected close date is before today. Both are calendar days: `today` is the
 * user's date in their time zone (calendarDateAt), so a deal due on the 26th is not overdue until
 * the 27th begins where the rep is, whatever the UTC time.
 */
export function isOverdue(
  deal: Pick<Deal, 'status' | 'deleted' | 'expectedCloseDate'>,
  today: CalendarDate,
): boolean {
  return (
    !deal.deleted &&
    deal.status === 'open' &&
    deal.expectedCloseDate !== null &&
    deal.expectedCloseDate < today
  );
}

/**
 * The last time anything happened on a deal: its newest live activity that has happened (a
 * meeting scheduled for next week is not activity yet), or null when there is none.
 */
export function lastActivityAt(
  activities: readonly Pick<Activity, 'deleted' | 'occurredAt'>[],
  now: number,
): number | null {
  let latest: number | null = null;
  for (const activity of activities) {
    if (activity.deleted || activity.occurredAt > now) continue;
    if (latest === null || activity.occurredAt > latest) latest = activity.occurredAt;
  }
  return latest;
}

/**
 * An open deal with no activity for its stage's `staleAfterDays`. Entering the stage counts as
 * activity (it is one: a stage-change), so a deal just moved is never stale. Counted in calendar
 * days where the rep is: with a 7-day limit, a deal last touched on a Monday evening is stale from
 * the next Monday's midnight, and a daylight-saving change neither adds nor removes a day.
 */
export function isStale(
  deal: Pick<Deal, 'status' | 'deleted' | 'stageEnteredAt'>,
  stage: Pick<Stage, 'staleAfterDays'>,
  lastActivity: number | null,
  now: number,
  timeZone: string,
): boolean {
  if (deal.deleted || deal.status !== 'open' || stage.staleAfterDays === null) return false;
  const lastTouched = Math.max(lastActivity ?? deal.stageEnteredAt, deal.stageEnteredAt);
  const quietDays = calendarDaysBetween(calendarDateAt(lastTouched, timeZone), calendarDateAt(now, timeZone));
  return quietDays >= stage.staleAfterDays;
}

type StageChangeRecord = Extract<Activity, { kind: 'stage-change' }>;

/**
 * Milliseconds the deal spent in each stage, in the order first entered. Built from its
 * stage-change activities (tombstoned ones and other deals' are ignored): before the first change
 * the deal was in that change's `fromStageId` since it was created; between two changes, in the
 * stage the earlier one entered; after the last, in its current stage until `now` (won and lost
 * stages included: that is the time since it closed). A stage entered twice — a deal moved back,
 * or reopened — adds both stays. With no changes, the current stage counts from stageEnteredAt.
 */
export function timeInStages(
  deal: Pick<Deal, 'id' | 'createdAt' | 'stageId' | 'stageEnteredAt'>,
  activities: readonly Activity[],
  now: number,
): Map<Id, number> {
  const changes = activities
    .filter(
      (activity): activity is StageChangeRecord =>
        activity.kind === 'stage-change' && !activity.deleted && activity.dealId === deal.id,
    )
    .sort((left, right) => left.occurredAt - right.occurredAt || left.id.localeCompare(right.id));
  const totals = new Map<Id, number>();
  const add = (stageId: Id | null, from: number, to: number) => {
    // A null stage is the time before a deal's recorded history began: not known, not counted.
    if (stageId === null) return;
    totals.set(stageId, (totals.get(stageId) ?? 0) + Math.max(0, to - from));
  };

  const first = changes[0];
  if (!first) {
    add(deal.stageId, deal.stageEnteredAt, now);
    return totals;
  }
  let stageId: Id | null = first.fromStageId;
  let since = deal.createdAt;
  for (const change of changes) {
    add(stageId, since, change.occurredAt);
    stageId = change.toStageId;
    since = Math.max(since, change.occurredAt);
  }
  add(deal.stageId, since, now);
  return totals;
}

export type NextStepSuggestion = {
  text: string;
  /** The checklist item this step would settle, so picking it can tick the item later. */
  checklistItemId: Id | null;
};

const FOLLOW_UP_PREFIX: Record<Language, string> = { en: 'Follow up: ', 'zh-TW': '跟進：' };

/** Generic next steps per stage kind, after the stage's own open checklist items. */
const DEFAULT_NEXT_STEPS: Record<StageKind, Record<Language, readonly string[]>> = {
  open: {
    en: [
      'Schedule a follow-up call',
      'Send a recap of the last conversation',
      'Book a meeting with the decision maker',
    ],
    'zh-TW': ['安排後續通話', '寄出上次討論的重點摘要', '約決策者開會'],
  },
  won: {
    en: ['Schedule the kickoff meeting', 'Send the contract for signature', 'Ask for a referral'],
    'zh-TW': ['安排專案啟動會議', '寄出合約用印', '請客戶推薦其他潛在客戶'],
  },
  lost: {
    en: ['Ask what would have changed their decision', 'Check in again next quarter'],
    'zh-TW': ['詢問什麼條件能改變對方的決定', '下一季再聯絡'],
  },
};

/**
 * What to suggest when a deal has no next step: first the stage's checklist items not done yet
 * (collecting them is the stage's work), then a few generic steps for its kind.
 */
export function nextStepSuggestions(
  stage: Pick<Stage, 'kind' | 'checklist'>,
  language: Language,
  doneItemIds: readonly Id[] = [],
): NextStepSuggestion[] {
  const done = new Set(doneItemIds);
  const fromChecklist = stage.checklist
    .filter((item) => !done.has(item.id))
    .map((item) => ({ text: `${FOLLOW_UP_PREFIX[language]}${item.label}`, checklistItemId: item.id }));
  const generic = DEFAULT_NEXT_STEPS[stage.kind][language].map((text) => ({ text, checklistItemId: null }));
  return [...fromChecklist, ...generic];
}
