import { type ReactNode, useId, useMemo, useState } from 'react';
import { formatMoney } from '@/lib/extension/i18n/translate';
import { healthWarnings } from '@/lib/extension/reports/health';
import { TRAILING_MONTHS } from '@/lib/extension/reports/trailing-pipeline';
import type { HealthWarning, HealthWarningKind } from '@/lib/extension/reports/types';
import type { Deal, Id } from '@/lib/shared/model';
import { useI18n } from '../I18nProvider';
import { StatusMessage } from '../StatusMessage';
import type { Formats } from './formatting';
import type { OwnerName } from './owner-names';
import type { HistorySectionProps } from './section-props';

/** The per-deal warnings: a deal listed under any of them carries that flag. */
const DEAL_FLAGS = ['overdue', 'stale', 'no-next-step'] as const satisfies readonly HealthWarningKind[];

const FLAG_LABELS = {
  overdue: 'board.overdue',
  stale: 'board.stale',
  'no-next-step': 'board.noNextStep',
} as const;

/** Pipeline health warnings, each opening to the deals behind it. */
export function HealthSection({
  data,
  context,
  formats,
  ownerName,
  owner,
  onOpenDeal,
}: HistorySectionProps & { onOpenDeal: (dealId: Id) => void }) {
  const { t } = useI18n();
  const headingId = useId();
  const result = useMemo(() => healthWarnings(data, context), [data, context]);
  const warnings = result.warnings.filter((warning) => owner === null || warning.ownerId === owner);
  const dealsById = useMemo(() => new Map(data.deals.map((deal) => [deal.id, deal])), [data.deals]);
  const flagsByDeal = useMemo(() => {
    const flags = new Map<Id, Set<(typeof DEAL_FLAGS)[number]>>();
    for (const warning of result.warnings) {
      const kind = warning.kind;
      if (!(DEAL_FLAGS as readonly string[]).includes(kind)) continue;
      for (const dealId of warning.dealIds) {
        const set = flags.get(dealId) ?? new Set();
        set.add(kind as (typeof DEAL_FLAGS)[number]);
        flags.set(dealId, set);
      }
    }
    return flags;
  }, [result.warnings]);

  return (
    <section className="dashboard-section" aria-labelledby={headingId} data-testid="health">
      <h2 id={headingId}>{t('dashboard.health.heading')}</h2>
      <p className="dashboard-note">
        {t('dashboard.health.explain', {
          margin: formats.percent(context.reporting.healthMargin),
          months: TRAILING_MONTHS,
        })}
      </p>
      {warnings.length === 0 ? (
        <StatusMessage kind="empty">{t('dashboard.health.none')}</StatusMessage>
      ) : (
        <ul className="dashboard-warnings" data-testid="health-warnings">
          {warnings.map((warning) => (
            <li
              key={`${warning.kind}|${warning.ownerId}`}
              data-kind={warning.kind}
              data-owner={warning.ownerId}
            >
              <WarningDetails
                summary={warningText(warning, ownerName, formats, t)}
                dealIds={warning.dealIds}
                renderDeal={(dealId) => {
                  const deal = dealsById.get(dealId);
                  return deal ? (
                    <WarningDeal
                      key={dealId}
                      deal={deal}
                      ownerName={ownerName}
                      flags={[...(flagsByDeal.get(dealId) ?? [])]}
                      onOpen={() => onOpenDeal(dealId)}
                    />
                  ) : null;
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Deals listed at a time: a team's stale deals can run into thousands. */
const DEALS_PER_PAGE = 50;

/**
 * One warning, closed at first; its deals are rendered only once it is opened, and then a page
 * at a time, so thousands of flagged deals cost nothing until someone asks to see them.
 */
function WarningDetails({
  summary,
  dealIds,
  renderDeal,
}: {
  summary: string;
  dealIds: readonly Id[];
  renderDeal: (dealId: Id) => ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [shown, setShown] = useState(DEALS_PER_PAGE);
  return (
    <details data-testid="health-warning" onToggle={(event) => setOpen(event.currentTarget.open)}>
      <summary>{summary}</summary>
      {open &&
        (dealIds.length === 0 ? (
          <p className="dashboard-note">{t('dashboard.health.noDeals')}</p>
        ) : (
          <>
            <ul className="dashboard-deal-list" data-testid="warning-deals">
              {dealIds.slice(0, shown).map(renderDeal)}
            </ul>
            {shown < dealIds.length && (
              <button
                type="button"
                onClick={() => setShown((count) => count + DEALS_PER_PAGE)}
                data-testid="warning-more"
              >
                {t('dashboard.health.showMore', {
                  count: Math.min(DEALS_PER_PAGE, dealIds.length - shown),
                  total: dealIds.length,
                })}
              </button>
            )}
          </>
        ))}
    </details>
  );
}

function warningText(
  warning: HealthWarning,
  ownerName: OwnerName,
  formats: Formats,
  t: ReturnType<typeof useI18n>['t'],
): string {
  const owner = ownerName(warning.ownerId);
  const count = warning.dealIds.length;
  switch (warning.kind) {
    case 'low-open-count':
      return t('dashboard.health.lowCount', {
        owner,
        value: formats.count(warning.value ?? 0),
        average: formats.days(warning.average ?? 0),
      });
    case 'low-open-value':
      return t('dashboard.health.lowValue', {
        owner,
        value: formats.money(warning.value ?? 0),
        average: formats.money(warning.average ?? 0),
      });
    case 'below-trailing-count':
      return t('dashboard.health.belowTrailingCount', {
        owner,
        value: formats.count(warning.value ?? 0),
        average: formats.days(warning.average ?? 0),
        months: TRAILING_MONTHS,
      });
    case 'below-trailing-value':
      return t('dashboard.health.belowTrailingValue', {
        owner,
        value: formats.money(warning.value ?? 0),
        average: formats.money(warning.average ?? 0),
        months: TRAILING_MONTHS,
      });
    case 'overdue':
      return t('dashboard.health.overdue', { owner, count });
    case 'stale':
      return t('dashboard.health.stale', { owner, count });
    case 'no-next-step':
      return t('dashboard.health.noNextStep', { owner, count });
  }
}

function WarningDeal({
  deal,
  ownerName,
  flags,
  onOpen,
}: {
  deal: Deal;
  ownerName: OwnerName;
  flags: readonly (typeof DEAL_FLAGS)[number][];
  onOpen: () => void;
}) {
  const { t, language } = useI18n();
  const boardUrl = `${browser.runtime.getURL('/board.html')}?pipeline=${encodeURIComponent(deal.pipelineId)}`;
  return (
    <li data-testid="warning-deal" data-deal={deal.id}>
      <button type="button" className="link" onClick={onOpen} data-testid="warning-deal-open">
        {deal.title}
      </button>
      <span>{ownerName(deal.ownerId)}</span>
      <span>{formatMoney(deal.amount, deal.currency, language)}</span>
      {flags.length > 0 && (
        <ul className="dashboard-flags" aria-label={t('board.flagsLabel')}>
          {flags.map((flag) => (
            <li key={flag} className="flag">
              {t(FLAG_LABELS[flag])}
            </li>
          ))}
        </ul>
      )}
      <a href={boardUrl} target="_blank" rel="noreferrer">
        {t('dashboard.health.onBoard')}
      </a>
    </li>
  );
}
