/** The options page: currency, budgets, subscriptions, sites, privacy, rate card, prices, data, language. */
import { useEffect } from 'react';
import { t } from '@/utils/i18n';
import { ADAPTERS } from '@/utils/sites';
import { historyHealth } from '@/utils/storage';
import { useMoney } from '../popup/money';
import { StorageFullBanner } from '../popup/StorageFullBanner';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { BudgetsSection } from './BudgetsSection';
import { CurrencySection } from './CurrencySection';
import { CustomPricesSection } from './CustomPricesSection';
import { DataSection } from './DataSection';
import { LanguageSection } from './LanguageSection';
import { RateCardSection } from './RateCardSection';
import { PrivacySection, SitesSection } from './SitesSection';
import { SubscriptionsSection } from './SubscriptionsSection';
import './options.css';

const SITES = ADAPTERS.map((a) => a.id);

export function Options() {
  const money = useMoney();
  const health = useStorageItem(historyHealth);
  useEffect(() => {
    document.title = t('options.title');
  }, []);
  return (
    <main className="tm-options">
      <h1>{t('options.title')}</h1>
      <StorageFullBanner health={health} advice={t('options.storageFullAdvice')} />
      <CurrencySection />
      <BudgetsSection money={money} sites={SITES} />
      <SubscriptionsSection money={money} sites={SITES} />
      <SitesSection sites={SITES} />
      <PrivacySection />
      <RateCardSection />
      <CustomPricesSection />
      <DataSection />
      <LanguageSection />
    </main>
  );
}
