import { format, isSameYear } from 'date-fns';
import { dateLocaleFor, type Language } from '@/lib/extension/i18n/translate';

const PATTERNS: Record<Language, { thisYear: string; otherYear: string }> = {
  en: { thisYear: 'EEE, MMM d, p', otherYear: 'EEE, MMM d, yyyy, p' },
  'zh-TW': { thisYear: 'M月d日（EEE）p', otherYear: 'yyyy年M月d日（EEE）p' },
};

/** A reminder's time in the browser's time zone: "Tue, Mar 10, 9:00 AM" / "3月10日（週二）上午 9:00". */
export function formatReminderTime(instant: number, language: Language, now: number = Date.now()): string {
  const patterns = PATTERNS[language];
  return format(instant, isSameYear(instant, now) ? patterns.thisYear : patterns.otherYear, {
    locale: dateLocaleFor(language),
  });
}
