import type { DealData, PeriodKey, ReportContext, ReportData } from '@/lib/extension/reports/types';
import type { Id } from '@/lib/shared/model';
import type { Formats } from './formatting';
import type { OwnerName } from './owner-names';

/** What every dashboard section reads: the (pipeline-filtered) data, the filters and the formats. */
export type SectionProps = {
  data: DealData;
  context: ReportContext;
  formats: Formats;
  ownerName: OwnerName;
  /** null: the whole team. */
  owner: Id | null;
  period: PeriodKey;
};

/** The sections that read the activities too (stage history, recent activity). */
export type HistorySectionProps = Omit<SectionProps, 'data'> & { data: ReportData };
