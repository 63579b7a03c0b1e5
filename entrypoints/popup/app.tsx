import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LocaleRoot } from '@/components/hooks/use-locale';
import { Popup, type FirstRead } from '@/components/Popup';
import type { NumbersStore } from '@/components/popup/numbers-store';

/** React and the whole popup: loaded while the numbers are read and drawn (see main.tsx). */
export function mountPopup(now: number, numbers: NumbersStore, first: FirstRead): void {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <LocaleRoot>
        <Popup now={now} numbers={numbers} first={first} />
      </LocaleRoot>
    </StrictMode>,
  );
}
