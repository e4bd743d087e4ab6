import { createContext, type ReactNode, useContext, useEffect, useMemo } from 'react';
import { createTranslator, type Language, type Translate } from '@/lib/extension/i18n/translate';

type I18n = { language: Language; t: Translate };

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo(() => ({ language, t: createTranslator(language) }), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside an I18nProvider');
  return i18n;
}
