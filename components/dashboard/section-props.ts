import type { Id } from '@/lib/model';
import type { PeriodKey, ReportContext, ReportData } from '@/lib/reports/types';
import type { Formats } from './formatting';
import type { OwnerName } from './owner-names';

/** What every dashboard section reads: the (pipeline-filtered) data, the filters and the formats. */
export type SectionProps = {
  data: ReportData;
  context: ReportContext;
  formats: Formats;
  ownerName: OwnerName;
  /** null: the whole team. */
  owner: Id | null;
  period: PeriodKey;
};
