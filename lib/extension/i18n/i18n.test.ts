import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { createTranslator, formatMoney, resolveLanguage } from './translate';
import { zhTW } from './zh-TW';

type AstElement = { type: number; value?: unknown; options?: Record<string, { value: AstElement[] }> };

/** ICU element types that name an argument: argument, number, date, time, select, plural. */
const NAMED_TYPES = new Set([1, 2, 3, 4, 5, 6]);

/** The argument names a message uses, from ICU's own parse (plural branches may start with words). */
function placeholdersOf(message: string, locale: string): string[] {
  const names = new Set<string>();
  const visit = (elements: AstElement[]) => {
    for (const element of elements) {
      if (NAMED_TYPES.has(element.type) && typeof element.value === 'string') names.add(element.value);
      for (const option of Object.values(element.options ?? {})) visit(option.value);
    }
  };
  visit(new IntlMessageFormat(message, locale).getAst() as AstElement[]);
  return [...names].sort();
}

describe('catalogs', () => {
  const keys = Object.keys(en) as MessageKey[];

  it('translate every English message into Traditional Chinese, and nothing more', () => {
    expect(Object.keys(zhTW).sort()).toEqual([...keys].sort());
    for (const key of keys) expect(zhTW[key].trim(), key).not.toBe('');
  });

  it('use the same placeholders in both languages, in valid ICU syntax', () => {
    for (const key of keys) {
      expect(() => new IntlMessageFormat(en[key], 'en'), key).not.toThrow();
      expect(() => new IntlMessageFormat(zhTW[key], 'zh-TW'), key).not.toThrow();
      const english = placeholdersOf(en[key], 'en');
      const chinese = placeholdersOf(zhTW[key], 'zh-TW');
      expect(chinese, key).toEqual(english);
    }
  });
});

describe('translator', () => {
  it('pluralizes English and fills placeholders in Chinese', () => {
    expect(createTranslator('en')('sidebar.count.contacts', { count: 1 })).toBe('1 contact');
    expect(createTranslator('en')('sidebar.count.contacts', { count: 1200 })).toBe('1,200 contacts');
    expect(createTranslator('zh-TW')('sidebar.count.contacts', { count: 3 })).toBe('3 位聯絡人');
  });
});

describe('resolveLanguage', () => {
  it('follows the settings override, else the browser, else English', () => {
    expect(resolveLanguage('en', ['zh-TW'])).toBe('en');
    expect(resolveLanguage('auto', ['zh-TW', 'en'])).toBe('zh-TW');
    expect(resolveLanguage('auto', ['zh-HK'])).toBe('zh-TW');
    expect(resolveLanguage('auto', ['fr-FR', 'en-GB'])).toBe('en');
    expect(resolveLanguage('auto', ['ja-JP'])).toBe('en');
  });
});

describe('formatMoney', () => {
  it('formats per locale and currency', () => {
    expect(formatMoney(1_200_000, 'TWD', 'zh-TW')).toBe('$1,200,000');
    expect(formatMoney(1_200_000, 'TWD', 'en')).toBe('NT$1,200,000');
    expect(formatMoney(1234.5, 'USD', 'en')).toBe('$1,234.50');
  });
});
