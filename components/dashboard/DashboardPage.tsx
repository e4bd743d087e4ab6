import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useState } from 'react';
import { openDatabase } from '@/lib/extension/db/database';
import { settingsQuery } from '@/lib/extension/queries/settings-queries';
import { userTimeZone } from '@/lib/extension/reminders/presets';
import { loadDealHistory, loadDeals } from '@/lib/extension/reports/load-report-data';
import { currentPeriod } from '@/lib/extension/reports/periods';
import type { DealData, DealHistory, ReportContext, ReportData } from '@/lib/extension/reports/types';
import { teamMembersQuery } from '@/lib/extension/sync/sync-status-query';
import type { Id, Settings } from '@/lib/shared/model';
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

/**
 * Read once per visit and again whenever any extension context writes (AppShell invalidates).
 * Deals first: the forecast, coverage and rep table need nothing else, so they show while the
 * activities (stage history, recent activity) are still being read.
 */
const dealsQuery = () => ({
  queryKey: ['reports', 'deals'],
  queryFn: () => loadDeals(openDatabase()),
});

/**
 * Starts once the deals are in: asked for at the same time, the activities came in hardly sooner
 * and the first numbers later (bench: dashboard_render_ms, dashboard_complete_ms).
 */
const historyQuery = (enabled: boolean) => ({
  queryKey: ['reports', 'history'],
  queryFn: () => loadDealHistory(openDatabase(), Date.now()),
  enabled,
});

/**
 * The manager's dashboard: the weighted forecast, coverage against quotas, pipeline health
 * warnings, the rep comparison and stage conversion, for a period, an owner and a pipeline.
 */
export function DashboardPage() {
  const { t } = useI18n();
  const titleId = useId();
  const settings = useQuery(settingsQuery(openDatabase(), navigator.language));
  const data = useQuery(dealsQuery());
  const history = useQuery(historyQuery(data.data !== undefined));

  useEffect(() => {
    document.title = t('dashboard.title');
  }, [t]);

  let content: React.ReactNode;
  if (settings.isError || data.isError)
    content = <StatusMessage kind="error">{t('dashboard.loadError')}</StatusMessage>;
  else if (!settings.data || !data.data)
    content = <StatusMessage kind="loading">{t('dashboard.loading')}</StatusMessage>;
  else if (data.data.deals.length === 0) content = <NoDealsYet />;
  else
    content = (
      <Dashboard
        settings={settings.data}
        data={data.data}
        history={history.data}
        historyFailed={history.isError}
      />
    );

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

function Dashboard({
  settings,
  data,
  history,
  historyFailed,
}: {
  settings: Settings;
  data: DealData;
  history: DealHistory | undefined;
  historyFailed: boolean;
}) {
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
  const { data: members } = useQuery(teamMembersQuery(openDatabase()));
  const owners = useMemo(() => ownersOf(data.deals, settings, members), [data.deals, settings, members]);
  const ownerIds = useMemo(() => owners.map((owner) => owner.id), [owners]);
  const ownerName = useMemo(() => ownerNamer(owners, t), [owners, t]);
  const context: ReportContext = useMemo(
    () => ({ now, timeZone, reporting: settings.reporting }),
    [now, timeZone, settings.reporting],
  );
  // The pipeline filter narrows the deals every number reads; owners are picked out of the results.
  const shownData: DealData = useMemo(
    () =>
      filters.pipelineId === null
        ? data
        : { ...data, deals: data.deals.filter((deal) => deal.pipelineId === filters.pipelineId) },
    [data, filters.pipelineId],
  );
  const shownWithHistory: ReportData | null = useMemo(
    () => (history ? { ...shownData, ...history } : null),
    [shownData, history],
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
      {shownWithHistory ? (
        <HealthSection {...shared} data={shownWithHistory} onOpenDeal={setOpenedDealId} />
      ) : (
        <PendingSection heading={t('dashboard.health.heading')} testId="health" failed={historyFailed} />
      )}
      <RepComparisonSection {...shared} />
      {shownWithHistory ? (
        <StageConversionSection {...shared} data={shownWithHistory} pipelineId={filters.pipelineId} />
      ) : (
        <PendingSection heading={t('dashboard.stages.heading')} testId="stages" failed={historyFailed} />
      )}
      {openedDealId && (
        <DealDrawer dealId={openedDealId} settings={settings} onClose={() => setOpenedDealId(null)} />
      )}
    </>
  );
}

/** A section whose numbers need the activities, while they are read (or if they could not be). */
function PendingSection({ heading, testId, failed }: { heading: string; testId: string; failed: boolean }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid={testId}>
      <h2 id={headingId}>{heading}</h2>
      {failed ? (
        <StatusMessage kind="error">{t('dashboard.history.loadError')}</StatusMessage>
      ) : (
        <StatusMessage kind="loading">{t('dashboard.history.loading')}</StatusMessage>
      )}
    </section>
  );
}
