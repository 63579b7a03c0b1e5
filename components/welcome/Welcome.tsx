/**
 * The welcome page: what Token Meter does, which sites it reads, what it stores, what never
 * leaves the browser and how to try it. Opened on first install and from the popup's empty state.
 */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { ADAPTERS } from '@/utils/sites';
import './welcome.css';

/** The sites the content script reads, by name (the local demo page aside). */
const SITE_NAMES = ADAPTERS.filter((a) => a.id !== 'demo').map((a) => a.label);

export function Welcome() {
  useEffect(() => {
    document.title = t('welcome.title');
  }, []);
  return (
    <main className="tm-welcome" data-testid="welcome">
      <h1>{t('welcome.title')}</h1>
      <p className="tm-lead">{t('welcome.lead')}</p>

      <section aria-labelledby="tm-w-what">
        <h2 id="tm-w-what">{t('welcome.what.title')}</h2>
        <ul>
          <li>{t('welcome.what.overlay')}</li>
          <li>{t('welcome.what.provenance')}</li>
          <li>{t('welcome.what.popup')}</li>
        </ul>
      </section>

      <section aria-labelledby="tm-w-sites">
        <h2 id="tm-w-sites">{t('welcome.sites.title')}</h2>
        <p>{t('welcome.sites.intro')}</p>
        <p className="tm-sites" data-testid="welcome-sites">
          {SITE_NAMES.join(' · ')}
        </p>
        <p>{t('welcome.sites.other')}</p>
      </section>

      <section aria-labelledby="tm-w-stored">
        <h2 id="tm-w-stored">{t('welcome.stored.title')}</h2>
        <ul>
          <li>{t('welcome.stored.counts')}</li>
          <li>{t('welcome.stored.text')}</li>
          <li>{t('welcome.stored.delete')}</li>
        </ul>
      </section>

      <section aria-labelledby="tm-w-leaves">
        <h2 id="tm-w-leaves">{t('welcome.leaves.title')}</h2>
        <ul>
          <li>{t('welcome.leaves.never')}</li>
          <li>{t('welcome.leaves.ratecard')}</li>
          <li>{t('welcome.leaves.optional')}</li>
        </ul>
      </section>

      <section aria-labelledby="tm-w-try">
        <h2 id="tm-w-try">{t('welcome.try.title')}</h2>
        <ol>
          <li>{t('welcome.try.open')}</li>
          <li>{t('welcome.try.type')}</li>
          <li>{t('welcome.try.popup')}</li>
        </ol>
        <p>
          <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('welcome.openOptions')}
          </button>
        </p>
      </section>
    </main>
  );
}
