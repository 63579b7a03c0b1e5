import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StorageFullBanner } from '@/components/popup/StorageFullBanner';

const render = (health: Parameters<typeof StorageFullBanner>[0]['health']) =>
  renderToStaticMarkup(<StorageFullBanner health={health} advice="Free space." />);

describe('the storage-full banner', () => {
  it('says how many turns wait and that they are saved later', () => {
    const html = render({ quotaExceededAt: 1, unsavedTurns: 0, lastError: null, pendingTurns: 3 });
    expect(html).toMatch(/3 turns kept aside, saved automatically once there is room/);
    expect(html).not.toMatch(/could not be kept/);
  });

  it('says how many were lost when even the waiting list was full', () => {
    const html = render({ quotaExceededAt: 1, unsavedTurns: 1, lastError: null, pendingTurns: 0 });
    expect(html).toMatch(/1 turn could not be kept/);
  });

  it('is absent while storage is fine and nothing waits', () => {
    expect(render({ quotaExceededAt: null, unsavedTurns: 2, lastError: null })).toBe('');
    expect(render(undefined)).toBe('');
  });
});
