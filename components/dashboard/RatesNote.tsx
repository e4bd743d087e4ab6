import type { DealData, ReportContext, UnconvertedDeal } from '@/lib/extension/reports/types';
import { useI18n } from '../I18nProvider';

/** Deals named in the list; past this the rates are what is missing, not the names. */
const LISTED_DEALS = 20;

/**
 * Says which currency the money is in, which exchange rates (from the settings) turned other
 * currencies into it, and which deals were left out because their currency has no rate.
 */
export function RatesNote({
  context,
  data,
  unconverted,
}: {
  context: ReportContext;
  data: DealData;
  unconverted: readonly UnconvertedDeal[];
}) {
  const { t, language } = useI18n();
  const { baseCurrency, rates } = context.reporting;
  const number = new Intl.NumberFormat(language, { maximumFractionDigits: 6 });
  const usedCurrencies = new Set(data.deals.map((deal) => deal.currency));
  const usedRates = rates.filter((rate) => usedCurrencies.has(rate.currency));
  const titles = new Map(data.deals.map((deal) => [deal.id, deal.title]));
  const leftOut = [...new Map(unconverted.map((entry) => [entry.dealId, entry])).values()];

  return (
    <div className="dashboard-rates" data-testid="rates-note">
      <p className="dashboard-note">
        {t('dashboard.rates.base', { currency: baseCurrency })}{' '}
        {usedRates.length === 0
          ? t('dashboard.rates.none')
          : t('dashboard.rates.used', {
              rates: usedRates
                .map((rate) => `1 ${rate.currency} = ${number.format(rate.perBase)} ${baseCurrency}`)
                .join(', '),
            })}
      </p>
      {leftOut.length > 0 && (
        <details className="dashboard-warning" data-testid="unconverted-deals">
          <summary>
            {t('dashboard.rates.leftOut', {
              count: leftOut.length,
              currencies: [...new Set(leftOut.map((entry) => entry.currency))].join(', '),
            })}
          </summary>
          <ul>
            {leftOut.slice(0, LISTED_DEALS).map((entry) => (
              <li key={entry.dealId}>
                {titles.get(entry.dealId) ?? entry.dealId} ({entry.currency})
              </li>
            ))}
          </ul>
          {leftOut.length > LISTED_DEALS && (
            <p>{t('dashboard.rates.andMore', { count: leftOut.length - LISTED_DEALS })}</p>
          )}
          <a href={browser.runtime.getURL('/options.html')}>{t('dashboard.rates.addRates')}</a>
        </details>
      )}
    </div>
  );
}
