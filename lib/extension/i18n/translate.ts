import { type Locale as DateLocale, zhTW as dateZhTW, enUS } from 'date-fns/locale';
import { IntlMessageFormat } from 'intl-messageformat';
import type { LanguageChoice } from '../../shared/model/settings';
import { en, type MessageKey } from './en';
import { zhTW } from './zh-TW';

export const LANGUAGES = ['en', 'zh-TW'] as const;
export type Language = (typeof LANGUAGES)[number];

const CATALOGS: Record<Language, Record<MessageKey, string>> = { en, 'zh-TW': zhTW };
const DATE_LOCALES: Record<Language, DateLocale> = { en: enUS, 'zh-TW': dateZhTW };

/** The settings' override wins; otherwise any Chinese browser language gets Traditional Chinese. */
export function resolveLanguage(choice: LanguageChoice, browserLanguages: readonly string[]): Language {
  if (choice !== 'auto') return choice;
  for (const tag of browserLanguages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-TW';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function createTranslator(language: Language): Translate {
  const cache = new Map<MessageKey, IntlMessageFormat>();
  return (key, values) => {
    let format = cache.get(key);
    if (!format) {
      format = new IntlMessageFormat(CATALOGS[language][key], language);
      cache.set(key, format);
    }
    return String(format.format(values));
  };
}

export function dateLocaleFor(language: Language): DateLocale {
  return DATE_LOCALES[language];
}

export function formatMoney(amount: number, currency: string, language: Language): string {
  // Whole amounts drop the cents (NT$120,000, not NT$120,000.00); others keep the currency's digits.
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency,
    trailingZeroDisplay: 'stripIfInteger',
  }).format(amount);
}
