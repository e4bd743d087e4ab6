import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { en, type MessageKey } from './en';
import { createTranslator, formatMoney, resolveLanguage } from './translate';
import { zhTW } from './zh-TW';

const PLACEHOLDER = /\{(\w+)/g;

function placeholdersOf(message: string): string[] {
  return [...new Set([...message.matchAll(PLACEHOLDER)].map((match) => match[1] ?? ''))].sort();
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
      const english = placeholdersOf(en[key]).filter((name) => !['one', 'other'].includes(name));
      const chinese = placeholdersOf(zhTW[key]).filter((name) => !['one', 'other'].includes(name));
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
