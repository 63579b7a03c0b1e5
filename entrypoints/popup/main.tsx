import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Popup } from '@/components/Popup';
import { historyDb } from '@/utils/db/schema';

// Open the database while React mounts: the first query then finds it ready.
historyDb()
  .open()
  .catch(() => undefined);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Popup />
  </StrictMode>,
);
