import { useId } from 'react';
import { formatMoney } from '@/lib/extension/i18n/translate';
import type { MatchedDeal } from '@/lib/extension/matching/types';
import type { OpenThread } from '@/lib/mail-page/mail-page-state';
import type { Activity, Deal, Pipeline, Settings } from '@/lib/shared/model';
import { useOwnerName } from '../deal/useOwnerName';
import { useI18n } from '../I18nProvider';
import { AddActivityForm } from './AddActivityForm';
import { DealDetailsEditor } from './DealDetailsEditor';
import { DealProcess } from './DealProcess';
import { DealTimeline } from './DealTimeline';
import { formatCalendarDate, isOverdue, todayCalendarDate } from './format';
import { LogEmailControls } from './LogEmailControls';

type DealCardProps = {
  match: MatchedDeal;
  activities: readonly Activity[];
  settings: Settings;
  /** Focus target when the card is opened from search. */
  headingRef?: React.Ref<HTMLHeadingElement>;
  /** The open thread, when there is one: the card offers to log its email. */
  mail?: OpenThread | null;
  /** The mail tab showing `mail`, when known: bodies are read from it for logging. */
  mailTabId?: number | null;
};

/** One deal: where it stands, what is due, who owns it, and what happened last. Mail text is shown as text only. */
export function DealCard({ match, activities, settings, headingRef, mail, mailTabId = null }: DealCardProps) {
  const { t, language } = useI18n();
  const titleId = useId();
  const { deal, company, pipeline, reasons } = match;
  const today = todayCalendarDate();
  const owner = useOwnerName(settings)(deal.ownerId);

  return (
    <article
      className="card deal-card"
      aria-labelledby={titleId}
      data-testid="deal-card"
      data-deal-id={deal.id}
    >
      <h3 id={titleId} className="card-title" ref={headingRef} tabIndex={headingRef ? -1 : undefined}>
        <bdi>{deal.title}</bdi>
      </h3>
      {company && (
        <p className="card-subtitle" data-testid="deal-company">
          <bdi>{company.name}</bdi>
        </p>
      )}
      {reasons.length > 0 && (
        <ul className="chips" aria-label={t('deal.matchedBy')}>
          {reasons.map((reason) => (
            <li key={reason} className="chip" data-testid="deal-reason">
              {t(reason === 'contact-email' ? 'deal.reason.contactEmail' : 'deal.reason.companyDomain')}
            </li>
          ))}
        </ul>
      )}
      <StageProgress deal={deal} pipeline={pipeline} />
      <DealProcess deal={deal} pipeline={pipeline} settings={settings} activities={activities} />
      {mail && <LogEmailControls deal={deal} context={mail} settings={settings} mailTabId={mailTabId} />}
      <dl className="facts">
        <div>
          <dt>{t('deal.amount')}</dt>
          <dd data-testid="deal-amount">{formatMoney(deal.amount, deal.currency, language)}</dd>
        </div>
        <div>
          <dt>{t('deal.expectedClose')}</dt>
          <dd data-testid="deal-close">
            {deal.expectedCloseDate ? (
              <DueDate
                date={deal.expectedCloseDate}
                overdue={deal.status === 'open' && isOverdue(deal.expectedCloseDate, today)}
              />
            ) : (
              <span className="muted">{t('deal.noCloseDate')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('deal.nextStep')}</dt>
          <dd data-testid="deal-next-step">
            {deal.nextStep ? (
              <>
                <bdi className="wrap">{deal.nextStep.text}</bdi>
                {deal.nextStep.dueDate && (
                  <span className="next-step-due">
                    {' '}
                    {t('deal.nextStepDue')}{' '}
                    <DueDate date={deal.nextStep.dueDate} overdue={isOverdue(deal.nextStep.dueDate, today)} />
                  </span>
                )}
              </>
            ) : (
              <span className="muted">{t('deal.noNextStep')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('deal.owner')}</dt>
          <dd data-testid="deal-owner">
            <bdi>{owner}</bdi>
          </dd>
        </div>
      </dl>
      <DealDetailsEditor deal={deal} pipeline={pipeline} />
      <AddActivityForm deal={deal} settings={settings} />
      <DealTimeline dealId={deal.id} recent={activities} pipeline={pipeline} />
    </article>
  );
}

function DueDate({ date, overdue }: { date: string; overdue: boolean }) {
  const { t, language } = useI18n();
  return (
    <span className={overdue ? 'overdue' : undefined}>
      <time dateTime={date}>{formatCalendarDate(date, language)}</time>
      {overdue && (
        <span className="flag flag-overdue" data-testid="overdue">
          <span aria-hidden="true">⚠ </span>
          {t('deal.overdue')}
        </span>
      )}
    </span>
  );
}

/** The stage as text ("Stage 3 of 4: Proposal") with a bar drawn from the pipeline's open stages. */
function StageProgress({ deal, pipeline }: { deal: Deal; pipeline: Pipeline | null }) {
  const { t } = useI18n();
  const stage = pipeline?.stages.find((candidate) => candidate.id === deal.stageId);
  if (deal.status !== 'open' || !pipeline || !stage || stage.kind !== 'open') {
    const label =
      deal.status === 'won'
        ? t('deal.status.won')
        : deal.status === 'lost'
          ? t('deal.status.lost')
          : t('deal.stageUnknown');
    return (
      <p className={`stage stage-${deal.status}`} data-testid="deal-stage">
        <span className="stage-label">{stage && deal.status === 'open' ? stage.name : label}</span>
      </p>
    );
  }
  const openStages = pipeline.stages.filter((candidate) => candidate.kind === 'open');
  const position = openStages.indexOf(stage);
  return (
    <div className="stage" data-testid="deal-stage">
      <p className="stage-label">
        {t('deal.stageOf', { position: position + 1, total: openStages.length, stage: stage.name })}
      </p>
      <div className="stage-bar" aria-hidden="true">
        {openStages.map((candidate, index) => (
          <span
            key={candidate.id}
            className={index < position ? 'segment done' : index === position ? 'segment current' : 'segment'}
          />
        ))}
      </div>
    </div>
  );
}
