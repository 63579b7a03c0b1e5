import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComparePage } from '@/components/compare/ComparePage';
import { LocaleRoot } from '@/components/hooks/use-locale';
import { initI18n } from '@/utils/i18n/browser';

// The overlay opens this page with `?handoff=<id>`: the text itself waits in storage.session.
const handoffId = new URLSearchParams(location.search).get('handoff');

initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <ComparePage handoffId={handoffId} />
      </LocaleRoot>
    </StrictMode>,
  ),
);
