import { queryOptions } from '@tanstack/react-query';
import { Dexie } from 'dexie';
import type { Company, Deal, Id, Pipeline, Stage } from '../../shared/model';
import type { DealsideDatabase } from '../db/database';
import { type CalendarDate, calendarDateAt } from '../pipeline/calendar-dates';
import { isOverdue, isStale } from '../pipeline/deal-health';
import { normalizeSearchText, wordsOf } from '../search/search-terms';

/** A deal as the board shows it: with its company's name, read in the same query. */
export type BoardDeal = { deal: Deal; companyName: string | null };

const DAY_MS = 24 * 3_600_000;

/** The month the won and lost columns show: the close-month filter's, else this month (YYYY-MM). */
export function boardClosedMonth(closeMonth: string | null, now: number, timeZone: string): string {
  return closeMonth ?? monthOf(calendarDateAt(now, timeZone));
}

/**
 * The pipeline's open deals, and its won and lost deals that closed around `closedMonth` (the
 * month give or take a day, whatever the time zone; buildBoard keeps the exact month), with their
 * companies' names: ranges of the `[pipelineId+status+stageEnteredAt]` index and one bulkGet of
 * the companies, in one read transaction. A pipeline's closed history grows without end and is
 * never read whole. Columns are computed in memory (buildBoard), so most filters never read again.
 */
export async function loadBoardDeals(
  database: DealsideDatabase,
  pipelineId: Id,
  closedMonth: string,
): Promise<BoardDeal[]> {
  const [year, month] = closedMonth.split('-').map(Number) as [number, number];
  const closedFrom = Date.UTC(year, month - 1, 1) - DAY_MS;
  const closedTo = Date.UTC(year, month, 1) + DAY_MS;
  const index = database.deals.where('[pipelineId+status+stageEnteredAt]');
  return database.transaction('r', [database.deals, database.companies], async () => {
    const lists = await Promise.all([
      index.between([pipelineId, 'open', Dexie.minKey], [pipelineId, 'open', Dexie.maxKey]).toArray(),
      ...(['won', 'lost'] as const).map((status) =>
        index.between([pipelineId, status, closedFrom], [pipelineId, status, closedTo]).toArray(),
      ),
    ]);
    const deals = lists.flat().filter((deal) => !deal.deleted);
    const companyIds = [...new Set(deals.flatMap((deal) => (deal.companyId ? [deal.companyId] : [])))];
    const companies = await database.companies.bulkGet(companyIds);
    const names = new Map<Id, string>();
    for (const company of companies as (Company | undefined)[]) {
      if (company && !company.deleted) names.set(company.id, company.name);
    }
    return deals.map((deal) => ({
      deal,
      companyName: deal.companyId ? (names.get(deal.companyId) ?? null) : null,
    }));
  });
}

/** The keys of one pipeline's board reads, whatever the month. */
export const boardDealsQueryPrefix = (pipelineId: Id) => ['deals', 'board', pipelineId];

export const boardDealsQuery = (database: DealsideDatabase, pipelineId: Id, closedMonth: string) =>
  queryOptions({
    queryKey: [...boardDealsQueryPrefix(pipelineId), closedMonth],
    queryFn: () => loadBoardDeals(database, pipelineId, closedMonth),
  });

/**
 * Open deals that are stale unless an activity after entering their stage says otherwise: only
 * these need their last activity read. A deal that entered its stage recently is never stale.
 */
export function staleCandidates(
  pipeline: Pipeline,
  deals: readonly BoardDeal[],
  now: number,
  timeZone: string,
): Id[] {
  const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
  return deals.flatMap(({ deal }) => {
    const stage = stages.get(deal.stageId);
    return stage && isStale(deal, stage, null, now, timeZone) ? [deal.id] : [];
  });
}

/**
 * When each deal last had an activity that has happened (null: none), from the newest entry of
 * each deal's `[dealId+occurredAt]` range up to `now`, all in one read transaction.
 */
export async function lastActivityByDeal(
  database: DealsideDatabase,
  dealIds: readonly Id[],
  now: number,
): Promise<Map<Id, number | null>> {
  return database.transaction('r', database.activities, async () => {
    const latest = await Promise.all(
      dealIds.map((dealId) =>
        database.activities
          .where('[dealId+occurredAt]')
          .between([dealId, Dexie.minKey], [dealId, now], true, true)
          .reverse()
          .filter((activity) => !activity.deleted)
          .first(),
      ),
    );
    return new Map(dealIds.map((dealId, index) => [dealId, latest[index]?.occurredAt ?? null]));
  });
}

/**
 * The last activity of the board's stale candidates. A second query, after the deals: the columns
 * paint without waiting for it, and the stale flags follow. `dealsVersion` (when the deals were
 * read) is in the key so a changed board asks again.
 */
export const boardLastActivityQuery = (
  database: DealsideDatabase,
  pipelineId: Id,
  dealsVersion: number,
  candidateIds: readonly Id[],
  now: number,
) =>
  queryOptions({
    queryKey: ['activities', 'board-last-activity', pipelineId, dealsVersion],
    queryFn: () => lastActivityByDeal(database, candidateIds, now),
  });

export const OWNER_FILTERS = ['everyone', 'me'] as const;
export type OwnerFilter = (typeof OWNER_FILTERS)[number];

export type BoardFilters = {
  owner: OwnerFilter;
  overdueOnly: boolean;
  staleOnly: boolean;
  /** YYYY-MM, or null for any month. */
  closeMonth: string | null;
  search: string;
};

export const NO_FILTERS: BoardFilters = {
  owner: 'everyone',
  overdueOnly: false,
  staleOnly: false,
  closeMonth: null,
  search: '',
};

export type BoardContext = {
  userId: Id;
  now: number;
  timeZone: string;
  /** Last activity of the stale candidates; null while it is being read (nothing is flagged stale yet). */
  lastActivity: ReadonlyMap<Id, number | null> | null;
};

export type BoardCard = {
  deal: Deal;
  companyName: string | null;
  overdue: boolean;
  stale: boolean;
  noNextStep: boolean;
};

/** Sums in one currency: amounts in different currencies are never added together. */
export type CurrencyTotal = { currency: string; amount: number; weighted: number };

export type BoardColumn = {
  stage: Stage;
  /** Won and lost columns hold the deals closed in one month (`closedMonth`), not every deal ever closed. */
  closedMonth: string | null;
  cards: BoardCard[];
  totals: CurrencyTotal[];
};

function monthOf(date: CalendarDate): string {
  return date.slice(0, 7);
}

function matchesSearch(card: BoardCard, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const text = normalizeSearchText(`${card.deal.title} ${card.companyName ?? ''}`);
  return words.every((word) => text.includes(word));
}

/** Soonest expected close first (none last); closed deals most recently closed first. */
function compareCards(left: BoardCard, right: BoardCard): number {
  if (left.deal.status !== 'open' || right.deal.status !== 'open')
    return right.deal.stageEnteredAt - left.deal.stageEnteredAt || (left.deal.id < right.deal.id ? -1 : 1);
  const leftDate = left.deal.expectedCloseDate ?? '9999-12-31';
  const rightDate = right.deal.expectedCloseDate ?? '9999-12-31';
  if (leftDate !== rightDate) return leftDate < rightDate ? -1 : 1;
  return left.deal.id < right.deal.id ? -1 : 1;
}

function totalsOf(cards: readonly BoardCard[], probability: number): CurrencyTotal[] {
  const sums = new Map<string, number>();
  for (const { deal } of cards) sums.set(deal.currency, (sums.get(deal.currency) ?? 0) + deal.amount);
  return [...sums]
    .sort(([left], [right]) => (left < right ? -1 : 1))
    .map(([currency, amount]) => ({ currency, amount, weighted: (amount * probability) / 100 }));
}

/**
 * The board's columns, one per stage in the pipeline's order, with the filters applied. Open
 * columns hold every open deal of their stage (expected to close in `closeMonth` when one is
 * picked); won and lost columns only the deals closed in `closeMonth`, or this month without one,
 * since a pipeline's history of closed deals grows without end. Totals are per currency; the
 * weighted total is the amount times the stage's win probability.
 */
export function buildBoard(
  pipeline: Pipeline,
  deals: readonly BoardDeal[],
  filters: BoardFilters,
  context: BoardContext,
): BoardColumn[] {
  const today = calendarDateAt(context.now, context.timeZone);
  const closedMonth = boardClosedMonth(filters.closeMonth, context.now, context.timeZone);
  const words = wordsOf(normalizeSearchText(filters.search));
  const stages = new Map(pipeline.stages.map((stage) => [stage.id, stage]));
  const cardsByStage = new Map<Id, BoardCard[]>(pipeline.stages.map((stage) => [stage.id, []]));

  for (const { deal, companyName } of deals) {
    const stage = stages.get(deal.stageId);
    if (!stage || deal.deleted) continue;
    if (filters.owner === 'me' && deal.ownerId !== context.userId) continue;
    if (deal.status === 'open') {
      if (filters.closeMonth && !deal.expectedCloseDate?.startsWith(filters.closeMonth)) continue;
    } else if (monthOf(calendarDateAt(deal.stageEnteredAt, context.timeZone)) !== closedMonth) continue;
    const overdue = isOverdue(deal, today);
    if (filters.overdueOnly && !overdue) continue;
    // Deals not asked about cannot be stale (staleCandidates); undefined: not known yet.
    const lastActivity = context.lastActivity?.get(deal.id);
    const stale =
      lastActivity !== undefined && isStale(deal, stage, lastActivity, context.now, context.timeZone);
    if (filters.staleOnly && !stale) continue;
    const card: BoardCard = {
      deal,
      companyName,
      overdue,
      stale,
      noNextStep: deal.status === 'open' && deal.nextStep === null,
    };
    if (!matchesSearch(card, words)) continue;
    cardsByStage.get(stage.id)?.push(card);
  }

  return pipeline.stages.map((stage) => {
    const cards = (cardsByStage.get(stage.id) ?? []).sort(compareCards);
    return {
      stage,
      closedMonth: stage.kind === 'open' ? null : closedMonth,
      cards,
      totals: totalsOf(cards, stage.probability),
    };
  });
}
