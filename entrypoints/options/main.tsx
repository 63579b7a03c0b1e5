import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleRoot } from '@/components/hooks/use-locale';
import { Options } from '@/components/options/Options';
import { initI18n } from '@/utils/i18n/browser';

initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <Options />
      </LocaleRoot>
    </StrictMode>,
  ),
);
