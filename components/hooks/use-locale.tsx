import { Fragment, useSyncExternalStore, type ReactNode } from 'react';
import { currentLocale, onLocaleChange, type Locale } from '@/utils/i18n';

/** The UI language; the component re-renders when it changes. */
export function useLocale(): Locale {
  return useSyncExternalStore(onLocaleChange, currentLocale, currentLocale);
}

/**
 * Redraws everything below it in the new language when the user switches in options (in this
 * or another page): keyed by the locale, so memoised parts do not keep the old strings.
 */
export function LocaleRoot({ children }: { children: ReactNode }) {
  const locale = useLocale();
  return <Fragment key={locale}>{children}</Fragment>;
}
