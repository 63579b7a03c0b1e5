import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging';

export function Popup() {
  const [version, setVersion] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    sendMessage('ping', { from: 'popup' })
      .then((r) => setVersion(r.version))
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  return (
    <main style={{ width: 360, padding: 12, font: '13px/1.4 system-ui, sans-serif' }}>
      <h1 style={{ fontSize: 16, margin: '0 0 8px' }}>Token Meter</h1>
      {error ? (
        <p role="alert">Background not reachable: {error}</p>
      ) : (
        <p data-testid="popup-status">{version ? `v${version} · ready` : 'Loading…'}</p>
      )}
    </main>
  );
}
