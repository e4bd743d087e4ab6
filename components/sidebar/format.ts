import { format, parseISO } from 'date-fns';
import { getDomainWithoutSuffix } from 'tldts';
import { dateLocaleFor, type Language } from '@/lib/extension/i18n/translate';

/** Today as a calendar date (YYYY-MM-DD) in the user's time zone; calendar dates compare as text. */
export function todayCalendarDate(now: Date = new Date()): string {
  return format(now, 'yyyy-MM-dd');
}

export function isOverdue(calendarDate: string, today: string): boolean {
  return calendarDate < today;
}

/** "Mar 31, 2026" / "2026年3月31日". */
export function formatCalendarDate(calendarDate: string, language: Language): string {
  return format(parseISO(calendarDate), 'PP', { locale: dateLocaleFor(language) });
}

const REPLY_PREFIX = /^\s*(?:re|fw|fwd|aw|sv|vs|回覆|回复|答复|轉寄|转发)\s*(?:\[\d+\])?\s*[:：]\s*/i;

/** A subject without its "Re:" / "Fwd:" / "回覆：" prefixes. */
export function cleanSubject(subject: string): string {
  let cleaned = subject.trim();
  while (REPLY_PREFIX.test(cleaned)) cleaned = cleaned.replace(REPLY_PREFIX, '');
  return cleaned.trim();
}

/** A first guess at a company's name from its domain: acme.com.tw → "Acme". */
export function companyNameFromDomain(domain: string): string {
  const label = getDomainWithoutSuffix(domain) ?? domain.split('.')[0] ?? domain;
  return label.charAt(0).toLocaleUpperCase() + label.slice(1);
}

/** Keeps a prefilled name within the 200 characters the schemas allow. */
export function clip(text: string, length = 200): string {
  return text.length <= length ? text : `${text.slice(0, length - 1)}…`;
}
