import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { openDatabase } from '@/lib/db/database';
import type { Id, Settings } from '@/lib/model';
import { settingsQuery } from '@/lib/queries/query-keys';
import { userTimeZone } from '@/lib/reminders/presets';
import { loadReportData } from '@/lib/reports/load-report-data';
import { currentPeriod } from '@/lib/reports/periods';
import type { ReportContext, ReportData } from '@/lib/reports/types';
import { DealDrawer } from '../board/DealDrawer';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import { CoverageSection } from './CoverageSection';
import { type DashboardFilters, DashboardFiltersBar, TEAM } from './DashboardFiltersBar';
import { ForecastSection } from './ForecastSection';
import { formatsFor } from './formatting';
import { HealthSection } from './HealthSection';
import { ownerNamer, ownersOf } from './owner-names';
import { reportPeriodOf } from './PeriodPicker';
import { RepComparisonSection } from './RepComparisonSection';
import { StageConversionSection } from './StageConversionSection';
import '../board/board.css';
import './dashboard.css';

/** Read once per visit and again whenever any extension context writes (AppShell invalidates). */
const reportDataQuery = () => ({
  queryKey: ['reports', 'data'],
  queryFn: () => loadReportData(openDatabase(), Date.now()),
});

/**
 * The manager's dashboard: the weighted forecast, coverage against quotas, pipeline health
 * warnings, the rep comparison and stage conversion, for a period, an owner and a pipeline.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const titleId = useId();
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const data = useQuery(reportDataQuery());

  useEffect(() => {
    document.title = t('dashboard.title');
  }, [t]);

  let content: React.ReactNode;
  if (settings.isError || data.isError)
    content = <StatusMessage kind="error">{t('dashboard.loadError')}</StatusMessage>;
  else if (!settings.data || !data.data)
    content = <StatusMessage kind="loading">{t('dashboard.loading')}</StatusMessage>;
  else if (data.data.deals.length === 0) content = <NoDealsYet />;
  else content = <Dashboard settings={settings.data} data={data.data} />;

  return (
    <main className="dashboard-page" aria-labelledby={titleId} data-testid="dashboard">
      <header className="dashboard-header">
        <h1 id={titleId}>{t('dashboard.title')}</h1>
        <nav aria-label={t('dashboard.linksLabel')}>
          <a href={browser.runtime.getURL('/board.html')}>{t('board.link')}</a>
          <a href={browser.runtime.getURL('/options.html')}>{t('dashboard.settingsLink')}</a>
        </nav>
      </header>
      {content}
    </main>
  );
}

function NoDealsYet() {
  const { t } = useI18n();
  return (
    <div data-testid="dashboard-empty">
      <StatusMessage kind="empty">{t('dashboard.empty')}</StatusMessage>
      <p>
        <a href={browser.runtime.getURL('/board.html')}>{t('dashboard.empty.board')}</a>
        {' · '}
        <a href={browser.runtime.getURL('/options.html')}>{t('dashboard.empty.options')}</a>
      </p>
    </div>
  );
}

function Dashboard({ settings, data }: { settings: Settings; data: ReportData }) {
  const { t, language } = useI18n();
  const [now] = useState(() => Date.now());
  const timeZone = userTimeZone();
  const currentMonth = currentPeriod(now, timeZone, 'month');
  const [filters, setFilters] = useState<DashboardFilters>({
    period: { kind: 'thisMonth' },
    ownerId: TEAM,
    pipelineId: null,
  });
  const [openedDealId, setOpenedDealId] = useState<Id | null>(null);

  const livePipelines = useMemo(
    () => data.pipelines.filter((pipeline) => !pipeline.deleted),
    [data.pipelines],
  );
  const owners = useMemo(() => ownersOf(data.deals, settings), [data.deals, settings]);
  const ownerIds = useMemo(() => owners.map((owner) => owner.id), [owners]);
  const ownerName = useMemo(() => ownerNamer(owners, t), [owners, t]);
  const context: ReportContext = useMemo(
    () => ({ now, timeZone, reporting: settings.reporting }),
    [now, timeZone, settings.reporting],
  );
  // The pipeline filter narrows the deals every number reads; owners are picked out of the results.
  const shownData: ReportData = useMemo(
    () =>
      filters.pipelineId === null
        ? data
        : { ...data, deals: data.deals.filter((deal) => deal.pipelineId === filters.pipelineId) },
    [data, filters.pipelineId],
  );
  const period = reportPeriodOf(filters.period, currentMonth);
  const formats = formatsFor(language, settings.reporting.baseCurrency);
  const owner = filters.ownerId === TEAM ? null : filters.ownerId;
  const shared = { data: shownData, context, formats, ownerName, owner, period };

  return (
    <>
      <DashboardFiltersBar
        filters={filters}
        onChange={setFilters}
        ownerIds={ownerIds}
        ownerName={ownerName}
        pipelines={livePipelines}
        currentMonth={currentMonth}
      />
      <ForecastSection {...shared} />
      <CoverageSection {...shared} />
      <HealthSection {...shared} onOpenDeal={setOpenedDealId} />
      <RepComparisonSection {...shared} />
      <StageConversionSection {...shared} pipelineId={filters.pipelineId} />
      {openedDealId && (
        <DealDrawer dealId={openedDealId} settings={settings} onClose={() => setOpenedDealId(null)} />
      )}
    </>
  );
}
