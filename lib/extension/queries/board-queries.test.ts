import { describe, expect, it } from 'vitest';
import { isolatedDatabase } from '@/tests/unit/isolated-database';
import { type Deal, newId, type Pipeline } from '../../shared/model';
import { defaultPipeline } from '../pipeline/default-pipeline';
import {
  type BoardContext,
  type BoardDeal,
  buildBoard,
  loadBoardDeals,
  NO_FILTERS,
  staleCandidates,
} from './board-queries';

const NOW = Date.UTC(2026, 10, 20, 4); // 2026-11-20, noon in Taipei
const DAY = 24 * 60 * 60 * 1000;
const TIME_ZONE = 'Asia/Taipei';
const ME = newId(NOW);
const TEAMMATE = newId(NOW);
const pipeline = defaultPipeline('en', NOW - 400 * DAY);

function stageId(name: string, from: Pipeline = pipeline): string {
  const stage = from.stages.find((candidate) => candidate.name === name);
  if (!stage) throw new Error(`no stage ${name}`);
  return stage.id;
}

function boardDeal(
  fields: Partial<Deal> & Pick<Deal, 'title'>,
  companyName: string | null = null,
): BoardDeal {
  const deal: Deal = {
    id: newId(NOW),
    createdAt: NOW - 30 * DAY,
    updatedAt: NOW - DAY,
    deleted: false,
    companyId: null,
    contactIds: [],
    pipelineId: pipeline.id,
    stageId: stageId('Lead'),
    stageEnteredAt: NOW - DAY,
    amount: 0,
    currency: 'TWD',
    expectedCloseDate: null,
    closeDatePushes: 0,
    ownerId: ME,
    nextStep: { text: 'Call', dueDate: null },
    status: 'open',
    lostReason: null,
    checklistDone: [],
    ...fields,
  };
  return { deal, companyName };
}

const context: BoardContext = { userId: ME, now: NOW, timeZone: TIME_ZONE, lastActivity: new Map() };

function column(columns: ReturnType<typeof buildBoard>, name: string) {
  const found = columns.find((candidate) => candidate.stage.name === name);
  if (!found) throw new Error(`no column ${name}`);
  return found;
}

describe('buildBoard', () => {
  it('has a column per stage with counts, totals and weighted totals per currency', () => {
    const deals = [
      boardDeal({ title: 'A', stageId: stageId('Proposal'), amount: 1_000_000 }),
      boardDeal({ title: 'B', stageId: stageId('Proposal'), amount: 200_000 }),
      boardDeal({ title: 'C', stageId: stageId('Proposal'), amount: 8_000, currency: 'USD' }),
      boardDeal({ title: 'D', stageId: stageId('Negotiation'), amount: 10.5, currency: 'USD' }),
    ];
    const columns = buildBoard(pipeline, deals, NO_FILTERS, context);
    expect(columns.map((entry) => entry.stage.name)).toEqual([
      'Lead',
      'Qualified',
      'Proposal',
      'Negotiation',
      'Won',
      'Lost',
    ]);
    const proposal = column(columns, 'Proposal');
    expect(proposal.cards).toHaveLength(3);
    expect(proposal.totals).toEqual([
      { currency: 'TWD', amount: 1_200_000, weighted: 600_000 },
      { currency: 'USD', amount: 8_000, weighted: 4_000 },
    ]);
    expect(column(columns, 'Negotiation').totals).toEqual([
      { currency: 'USD', amount: 10.5, weighted: 7.875 },
    ]);
    expect(column(columns, 'Lead').totals).toEqual([]);
  });

  it('shows closed deals of this month in the won and lost columns, or of the picked close month', () => {
    const thisMonth = boardDeal({
      title: 'Won now',
      stageId: stageId('Won'),
      status: 'won',
      stageEnteredAt: NOW - 2 * DAY,
    });
    const lastMonth = boardDeal({
      title: 'Won in October',
      stageId: stageId('Won'),
      status: 'won',
      stageEnteredAt: Date.UTC(2026, 9, 10),
    });
    const lostNow = boardDeal({
      title: 'Lost now',
      stageId: stageId('Lost'),
      status: 'lost',
      lostReason: 'Price',
      stageEnteredAt: NOW,
    });
    const openInOctober = boardDeal({ title: 'Open', expectedCloseDate: '2026-10-31' });
    const openInNovember = boardDeal({ title: 'Open Nov', expectedCloseDate: '2026-11-30' });
    const deals = [thisMonth, lastMonth, lostNow, openInOctober, openInNovember];

    const now = buildBoard(pipeline, deals, NO_FILTERS, context);
    expect(column(now, 'Won').cards.map((card) => card.deal.title)).toEqual(['Won now']);
    expect(column(now, 'Won').closedMonth).toBe('2026-11');
    expect(column(now, 'Lost').cards.map((card) => card.deal.title)).toEqual(['Lost now']);
    expect(column(now, 'Lead').cards).toHaveLength(2);

    const october = buildBoard(pipeline, deals, { ...NO_FILTERS, closeMonth: '2026-10' }, context);
    expect(column(october, 'Won').cards.map((card) => card.deal.title)).toEqual(['Won in October']);
    expect(column(october, 'Lost').cards).toEqual([]);
    expect(column(october, 'Lead').cards.map((card) => card.deal.title)).toEqual(['Open']);
  });

  it('flags overdue, stale and missing next steps, and filters on them', () => {
    const overdue = boardDeal({ title: 'Overdue', expectedCloseDate: '2026-11-19' });
    const dueToday = boardDeal({ title: 'Due today', expectedCloseDate: '2026-11-20' });
    const quiet = boardDeal({ title: 'Quiet', stageEnteredAt: NOW - 40 * DAY, nextStep: null });
    const busy = boardDeal({ title: 'Busy', stageEnteredAt: NOW - 40 * DAY });
    const deals = [overdue, dueToday, quiet, busy];
    const candidates = staleCandidates(pipeline, deals, NOW, TIME_ZONE);
    expect(candidates.sort()).toEqual([quiet.deal.id, busy.deal.id].sort());
    const lastActivity = new Map([
      [quiet.deal.id, NOW - 20 * DAY],
      [busy.deal.id, NOW - DAY],
    ]);
    const flagged = buildBoard(pipeline, deals, NO_FILTERS, { ...context, lastActivity });
    const cards = new Map(column(flagged, 'Lead').cards.map((card) => [card.deal.title, card]));
    expect(cards.get('Overdue')?.overdue).toBe(true);
    expect(cards.get('Due today')?.overdue).toBe(false);
    expect(cards.get('Quiet')).toMatchObject({ stale: true, noNextStep: true });
    expect(cards.get('Busy')).toMatchObject({ stale: false, noNextStep: false });

    const overdueOnly = buildBoard(pipeline, deals, { ...NO_FILTERS, overdueOnly: true }, context);
    expect(column(overdueOnly, 'Lead').cards.map((card) => card.deal.title)).toEqual(['Overdue']);
    const staleOnly = buildBoard(
      pipeline,
      deals,
      { ...NO_FILTERS, staleOnly: true },
      { ...context, lastActivity },
    );
    expect(column(staleOnly, 'Lead').cards.map((card) => card.deal.title)).toEqual(['Quiet']);
    // While last activities are being read, nothing is called stale.
    const unknown = buildBoard(pipeline, deals, NO_FILTERS, { ...context, lastActivity: null });
    expect(column(unknown, 'Lead').cards.some((card) => card.stale)).toBe(false);
  });

  it('filters by owner and searches titles and company names, full-width and Chinese included', () => {
    const deals = [
      boardDeal({ title: 'Acme: 200 seats', ownerId: ME }, 'Acme Trading'),
      boardDeal({ title: '宏達 MES 系統導入', ownerId: TEAMMATE }, '宏達精密股份有限公司'),
      boardDeal({ title: 'Renewal', ownerId: TEAMMATE }, 'Acme Trading'),
    ];
    const titles = (filters: Partial<typeof NO_FILTERS>) =>
      column(buildBoard(pipeline, deals, { ...NO_FILTERS, ...filters }, context), 'Lead')
        .cards.map((card) => card.deal.title)
        .sort();
    expect(titles({ owner: 'me' })).toEqual(['Acme: 200 seats']);
    expect(titles({ search: 'ａｃｍｅ' })).toEqual(['Acme: 200 seats', 'Renewal']);
    expect(titles({ search: '精密' })).toEqual(['宏達 MES 系統導入']);
    expect(titles({ search: 'acme seats' })).toEqual(['Acme: 200 seats']);
    expect(titles({ search: 'nothing' })).toEqual([]);
  });

  it('orders open deals by expected close date, undated last', () => {
    const deals = [
      boardDeal({ title: 'Undated' }),
      boardDeal({ title: 'Late', expectedCloseDate: '2026-12-31' }),
      boardDeal({ title: 'Soon', expectedCloseDate: '2026-11-25' }),
    ];
    expect(
      column(buildBoard(pipeline, deals, NO_FILTERS, context), 'Lead').cards.map((card) => card.deal.title),
    ).toEqual(['Soon', 'Late', 'Undated']);
  });
});

describe('loadBoardDeals', () => {
  it('reads the pipeline’s open deals and only the deals closed around the month shown', async () => {
    const database = isolatedDatabase('board-load');
    const other = defaultPipeline('en', NOW);
    const open = boardDeal({ title: 'Open, entered long ago', stageEnteredAt: NOW - 300 * DAY }).deal;
    const wonThisMonth = boardDeal({ title: 'Won this month', status: 'won', stageId: stageId('Won') }).deal;
    const lostLastYear = boardDeal({
      title: 'Lost last year',
      status: 'lost',
      stageId: stageId('Lost'),
      lostReason: 'Price',
      stageEnteredAt: NOW - 365 * DAY,
    }).deal;
    const elsewhere = boardDeal({
      title: 'Other pipeline',
      pipelineId: other.id,
      stageId: stageId('Lead', other),
    }).deal;
    const removed = boardDeal({ title: 'Deleted', deleted: true }).deal;
    await database.pipelines.bulkPut([pipeline, other]);
    await database.deals.bulkPut([open, wonThisMonth, lostLastYear, elsewhere, removed]);

    const titles = async (month: string) =>
      (await loadBoardDeals(database, pipeline.id, month)).map(({ deal }) => deal.title).sort();
    expect(await titles('2026-11')).toEqual(['Open, entered long ago', 'Won this month']);
    expect(await titles('2025-11')).toEqual(['Lost last year', 'Open, entered long ago']);
    database.close();
  });
});
