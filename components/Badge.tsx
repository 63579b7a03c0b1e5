import { useEffect, useState } from 'react';
import { sendMessage } from '@/utils/messaging';

type Status = 'connecting' | 'connected' | 'offline';

/** The in-page badge. Later work fills it with counts; for now it proves the wiring. */
export function Badge() {
  const [status, setStatus] = useState<Status>('connecting');
  useEffect(() => {
    let live = true;
    sendMessage('ping', { from: 'content' })
      .then(() => live && setStatus('connected'))
      .catch(() => live && setStatus('offline'));
    return () => {
      live = false;
    };
  }, []);
  return (
    <div
      data-testid="tm-badge"
      data-status={status}
      style={{
        position: 'fixed',
        right: 16,
        bottom: 16,
        zIndex: 2147483646,
        font: '12px/1.4 system-ui, sans-serif',
        background: '#111827',
        color: '#f9fafb',
        padding: '4px 8px',
        borderRadius: 6,
      }}
    >
      Token Meter · {status}
    </div>
  );
}
