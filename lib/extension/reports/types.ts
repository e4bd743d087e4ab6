import type { Activity, Deal, Id, Pipeline, ReportingSettings } from '../../shared/model';

/**
 * The manager dashboard's numbers, as plain data in and plain data out. Every formula is written
 * down in docs/metrics.md; this file is the contract the dashboard page and the options page use.
 */

/** 'YYYY-MM' (month) or 'YYYY-Qn' (quarter): calendar periods in the user's time zone. */
export type PeriodKey = string;
export type PeriodKind = 'month' | 'quarter';

export type StageChange = Extract<Activity, { kind: 'stage-change' }>;

/** The deals and pipelines: all that the forecast, coverage and the rep comparison read. */
export type DealData = {
  /** Live deals only (tombstones left out), of every pipeline, archived ones included. */
  deals: readonly Deal[];
  pipelines: readonly Pipeline[];
};

/** What the activities add: health warnings and stage conversion read these too. */
export type DealHistory = {
  /** Live stage-change activities per deal id, oldest first. A deal without history is absent. */
  stageChanges: ReadonlyMap<Id, readonly StageChange[]>;
  /**
   * The newest live activity that has happened, per deal id (lib/extension/pipeline/deal-health.ts
   * lastActivityAt), looking back only as far as staleness can tell (activityHorizon in
   * load-report-data.ts): a deal quiet since before then is absent.
   */
  lastActivityAt: ReadonlyMap<Id, number>;
};

/** Everything the report functions read; lib/extension/reports/load-report-data.ts builds it from Dexie. */
export type ReportData = DealData & DealHistory;

/** When and where the report is computed, and the reporting settings (lib/shared/model/settings.ts). */
export type ReportContext = {
  now: number;
  /** The user's IANA time zone: periods and "today" are calendar dates there. */
  timeZone: string;
  reporting: ReportingSettings;
};

/** A deal left out of money totals because its currency has no rate to the base currency. */
export type UnconvertedDeal = { dealId: Id; currency: string };

/** Money in the base currency; counts are deals. */
export type ForecastCell = {
  /** Σ amount × stage probability of open deals closing in the period. */
  weighted: number;
  /** Σ amount of open deals closing in the period (the unweighted pipeline). */
  pipeline: number;
  /** Σ amount of open deals closing in the period whose stage probability ≥ commitProbability. */
  commitPipeline: number;
  /** Σ amount of deals won in the period (actuals). */
  won: number;
  /** won + pipeline: everything open closes. */
  bestCase: number;
  /** won + commitPipeline. */
  commit: number;
  openCount: number;
  wonCount: number;
};

export type ForecastRow = {
  period: PeriodKey;
  team: ForecastCell;
  /** Only owners with a deal in this row. */
  byOwner: Record<Id, ForecastCell>;
};

export type Forecast = {
  periodKind: PeriodKind;
  baseCurrency: string;
  /** Periods with any open or won deal, oldest first; a period with neither has no row. */
  periods: ForecastRow[];
  /** Open deals without an expected close date: counted here, never in a period. */
  noCloseDate: Omit<ForecastRow, 'period'>;
  /** Open and won deals left out because their currency has no rate. */
  unconverted: UnconvertedDeal[];
};

export type CoverageRow = {
  /** null: the team (the sum of every owner's quota and deals for the period). */
  ownerId: Id | null;
  period: PeriodKey;
  quota: number;
  /** Won so far in the period. */
  won: number;
  /** quota − won; at or below 0 the target is reached. */
  remaining: number;
  weighted: number;
  pipeline: number;
  /** weighted ÷ remaining; null when the target is reached. */
  weightedCoverage: number | null;
  /** pipeline ÷ remaining; null when the target is reached. */
  unweightedCoverage: number | null;
  targetReached: boolean;
  /** Which coverage ratios are below the configured minimum (empty when fine or reached). */
  warnings: ('weighted' | 'unweighted')[];
};

export type Coverage = {
  baseCurrency: string;
  /** One row per quota of the period, plus the team row (ownerId null) when any quota exists. */
  rows: CoverageRow[];
  unconverted: UnconvertedDeal[];
};

export type HealthWarningKind =
  | 'low-open-count'
  | 'low-open-value'
  | 'below-trailing-count'
  | 'below-trailing-value'
  | 'overdue'
  | 'stale'
  | 'no-next-step';

export type HealthWarning = {
  kind: HealthWarningKind;
  ownerId: Id;
  /** The deals behind the warning (for low-open-* and below-trailing-*: the owner's open deals, possibly none). */
  dealIds: Id[];
  /** For low-open-* and below-trailing-*: the owner's open count or base-currency value now. */
  value: number | null;
  /** What `value` fell below: the team average (low-open-*) or the owner's own trailing average (below-trailing-*). */
  average: number | null;
};

export type Health = {
  baseCurrency: string;
  warnings: HealthWarning[];
  unconverted: UnconvertedDeal[];
};

export type RepRow = {
  /** null: the team average row. */
  ownerId: Id | null;
  openCount: number;
  pipelineValue: number;
  weightedValue: number;
  wonCount: number;
  wonValue: number;
  lostCount: number;
  /** won ÷ (won + lost) closed in the period; null with none closed. */
  winRate: number | null;
  /** wonValue ÷ wonCount; null with none won. */
  averageDealSize: number | null;
  /** Mean calendar days from creation to the won date, over deals won in the period. */
  averageCycleDays: number | null;
  overdueCount: number;
};

export type RepComparison = {
  period: PeriodKey;
  baseCurrency: string;
  rows: RepRow[];
  teamAverage: RepRow;
  unconverted: UnconvertedDeal[];
};

export type StageConversionRow = {
  stageId: Id;
  /** Deals that were ever in this stage (each deal once). */
  entered: number;
  /** Of those, deals that later reached a later open stage or a won stage. */
  advanced: number;
  /** advanced ÷ entered; null when none entered. */
  conversion: number | null;
  /** Open deals in this stage now (not decided yet). */
  stillIn: number;
  /** Mean days spent in the stage (all stays of a deal added up), over deals that spent time there. */
  averageDays: number | null;
  expectedDays: number | null;
  /** Deals lost from this stage (the stage they were in when they moved to lost). */
  lostCount: number;
  lostDealIds: Id[];
};

export type StageConversion = {
  pipelineId: Id;
  /** The pipeline's open stages, in order. */
  stages: StageConversionRow[];
  /** Lost deals whose stage before lost is unknown (no stage history, or a deleted stage). */
  lostFromUnknown: Id[];
};
