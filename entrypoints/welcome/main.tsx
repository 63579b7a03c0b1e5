import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleRoot } from '@/components/hooks/use-locale';
import { Welcome } from '@/components/welcome/Welcome';
import { initI18n } from '@/utils/i18n/browser';

// Opened once, on first install (utils/background/welcome.ts), and from the popup's empty state.
initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <Welcome />
      </LocaleRoot>
    </StrictMode>,
  ),
);
