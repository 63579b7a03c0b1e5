import { useStorageItem } from '@/components/hooks/use-storage-item';
import { LOCALES, t, type LocaleSetting } from '@/utils/i18n';
import { browserLanguages } from '@/utils/i18n/browser';
import { languageSetting } from '@/utils/storage';
import { Section } from './form';

/** The UI language: the browser's (default) or one chosen here; every page follows at once. */
export function LanguageSection() {
  const setting = useStorageItem(languageSetting);
  if (!setting) return null;
  return (
    <Section id="language" title={t('language.label')} note={t('language.hint')}>
      <label>
        {t('language.label')}{' '}
        <select
          value={setting}
          data-testid="language"
          onChange={(e) => languageSetting.setValue(e.target.value as LocaleSetting)}
        >
          <option value="auto">
            {t('language.auto', { language: browserLanguages()[0] ?? 'en' })}
          </option>
          {LOCALES.map((locale) => (
            <option key={locale} value={locale} lang={locale}>
              {t(`language.${locale}`)}
            </option>
          ))}
        </select>
      </label>
    </Section>
  );
}
