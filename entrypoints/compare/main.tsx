import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ComparePage } from '@/components/compare/ComparePage';

// The overlay opens this page with `?handoff=<id>`: the text itself waits in storage.session.
const handoffId = new URLSearchParams(location.search).get('handoff');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ComparePage handoffId={handoffId} />
  </StrictMode>,
);
