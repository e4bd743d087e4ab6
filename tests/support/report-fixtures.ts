import type { ReportContext, ReportData, StageChange } from '../../lib/extension/reports/types';
import type { Deal, Id, Pipeline, ReportingSettings, Stage } from '../../lib/shared/model';

export const DAY_MS = 24 * 3600_000;
/** 2026-11-26 12:00 in Taipei (UTC+8, no daylight saving). */
export const NOW = Date.UTC(2026, 10, 26, 4, 0);
export const ALICE = 'owner-alice';
export const BOB = 'owner-bob';
export const CAROL = 'owner-carol';

function stage(id: Id, probability: number, kind: Stage['kind'], fields: Partial<Stage> = {}): Stage {
  return {
    id,
    name: id,
    probability,
    kind,
    expectedDays: null,
    staleAfterDays: null,
    checklist: [],
    ...fields,
  };
}

/** Lead 10%, Qualified 30%, Proposal 60% (stale after 7 days), Negotiation 80% (14 days), Won, Lost. */
export const PIPELINE: Pipeline = {
  id: 'pipeline',
  createdAt: 0,
  updatedAt: 0,
  deleted: false,
  name: 'Sales',
  archived: false,
  stages: [
    stage('lead', 10, 'open', { expectedDays: 3 }),
    stage('qualified', 30, 'open', { expectedDays: 5 }),
    stage('proposal', 60, 'open', { staleAfterDays: 7 }),
    stage('negotiation', 80, 'open', { staleAfterDays: 14 }),
    stage('won', 100, 'won'),
    stage('lost', 0, 'lost'),
  ],
};

export function deal(id: Id, fields: Partial<Deal>): Deal {
  return {
    id,
    createdAt: Date.UTC(2026, 8, 1),
    updatedAt: NOW,
    deleted: false,
    title: id,
    companyId: null,
    contactIds: [],
    pipelineId: PIPELINE.id,
    stageId: 'lead',
    stageEnteredAt: Date.UTC(2026, 10, 1),
    amount: 0,
    currency: 'TWD',
    expectedCloseDate: null,
    closeDatePushes: 0,
    ownerId: ALICE,
    nextStep: { text: 'Call', dueDate: null },
    status: 'open',
    lostReason: null,
    checklistDone: [],
    ...fields,
  };
}

export function stageChange(dealId: Id, at: number, fromStageId: Id | null, toStageId: Id): StageChange {
  return {
    id: `${dealId}-${at}`,
    createdAt: at,
    updatedAt: at,
    deleted: false,
    dealId,
    contactIds: [],
    companyId: null,
    occurredAt: at,
    authorId: ALICE,
    kind: 'stage-change',
    fromStageId,
    toStageId,
    skippedChecklistItemIds: [],
  };
}

export function reporting(fields: Partial<ReportingSettings> = {}): ReportingSettings {
  return {
    baseCurrency: 'TWD',
    rates: [{ currency: 'USD', perBase: 30 }],
    quotas: [],
    coverageWarning: { unweighted: 3, weighted: 1 },
    commitProbability: 75,
    healthMargin: 0.25,
    ...fields,
  };
}

export function context(fields: Partial<ReportingSettings> = {}, timeZone = 'Asia/Taipei'): ReportContext {
  return { now: NOW, timeZone, reporting: reporting(fields) };
}

/**
 * The shared example of docs/metrics.md, base currency TWD, 1 USD = 30 TWD, no EUR rate:
 * - d1 Alice, open, Proposal 60%, 1,000 TWD, closes 2026-11-20 (overdue), last activity Nov 18 (stale)
 * - d2 Alice, open, Negotiation 80%, 100 USD = 3,000 TWD, closes 2026-12-05, last activity Nov 20
 * - d3 Alice, won 2,000 TWD at 2026-10-31 16:30 UTC = 2026-11-01 00:30 in Taipei; created 2026-09-02
 * - d4 Bob, won 500 TWD at 2026-10-31 15:30 UTC = 2026-10-31 23:30 in Taipei
 * - d5 Bob, open, Lead 10%, 400 EUR (no rate), no next step
 * - d6 Bob, open, Qualified 30%, 5,000 TWD, no close date, no next step
 * - d7 Bob, lost 9,000 TWD on 2026-11-10
 * - d8 Bob, open, Qualified 30%, 2,000 TWD, closes 2026-11-30
 */
export function example(): ReportData {
  const deals = [
    deal('d1', { stageId: 'proposal', amount: 1000, expectedCloseDate: '2026-11-20' }),
    deal('d2', { stageId: 'negotiation', amount: 100, currency: 'USD', expectedCloseDate: '2026-12-05' }),
    deal('d3', {
      stageId: 'won',
      status: 'won',
      amount: 2000,
      createdAt: Date.UTC(2026, 8, 2),
      stageEnteredAt: Date.UTC(2026, 9, 31, 16, 30),
    }),
    deal('d4', {
      ownerId: BOB,
      stageId: 'won',
      status: 'won',
      amount: 500,
      stageEnteredAt: Date.UTC(2026, 9, 31, 15, 30),
    }),
    deal('d5', { ownerId: BOB, stageId: 'lead', amount: 400, currency: 'EUR', nextStep: null }),
    deal('d6', { ownerId: BOB, stageId: 'qualified', amount: 5000, nextStep: null }),
    deal('d7', {
      ownerId: BOB,
      stageId: 'lost',
      status: 'lost',
      lostReason: 'Price',
      amount: 9000,
      stageEnteredAt: Date.UTC(2026, 10, 10),
    }),
    deal('d8', { ownerId: BOB, stageId: 'qualified', amount: 2000, expectedCloseDate: '2026-11-30' }),
  ];
  return {
    deals,
    pipelines: [PIPELINE],
    stageChanges: new Map(),
    lastActivityAt: new Map([
      ['d1', Date.UTC(2026, 10, 18, 4)],
      ['d2', Date.UTC(2026, 10, 20, 4)],
    ]),
  };
}
