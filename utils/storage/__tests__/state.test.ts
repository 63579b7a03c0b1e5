import { describe, expect, it } from 'vitest';
import { dashboardKey, overlayHealth, reportSiteHealth, resolveCalendar } from '@/utils/storage';
import { reportSiteQuotas, siteQuotas } from '@/utils/storage/state/overlay';

const NOW = Date.UTC(2026, 5, 17, 12); // Wednesday 17 June 2026
const DAY = 86_400_000;
const calendar = (weekStart: 'monday' | 'sunday' = 'monday') => resolveCalendar(weekStart, 'en-US');

describe('the dashboard snapshot key', () => {
  it('keys differ for another day, week start or time zone, not for another hour', () => {
    const key = dashboardKey(NOW, calendar());
    expect(dashboardKey(NOW + 3_600_000, calendar())).toBe(key);
    expect(dashboardKey(NOW + DAY, calendar())).not.toBe(key);
    expect(dashboardKey(NOW, calendar('sunday'))).not.toBe(key);
    expect(dashboardKey(NOW, { ...calendar(), timeZone: 'Asia/Tokyo' })).not.toBe(
      dashboardKey(NOW, { ...calendar(), timeZone: 'America/Los_Angeles' }),
    );
  });
});

describe('overlay health', () => {
  it('is written when it changes or is an hour old, not on every check', async () => {
    await reportSiteHealth('chatgpt', { health: 'ok', at: NOW });
    await reportSiteHealth('chatgpt', { health: 'ok', at: NOW + 60_000 });
    expect((await overlayHealth.getValue()).chatgpt.at).toBe(NOW);
    await reportSiteHealth('chatgpt', { health: 'partial', note: 'no composer', at: NOW + 1 });
    expect((await overlayHealth.getValue()).chatgpt).toEqual({
      health: 'partial',
      note: 'no composer',
      at: NOW + 1,
    });
    await reportSiteHealth('chatgpt', {
      health: 'partial',
      note: 'no composer',
      at: NOW + 2 * DAY,
    });
    expect((await overlayHealth.getValue()).chatgpt.at).toBe(NOW + 2 * DAY);
  });
});

describe('site quotas', () => {
  const claude = [{ window: '5h', used: 0.02, resetsAt: '2026-08-08T07:10:00.000Z' }];
  it('keeps the latest windows per site; an older report never replaces a newer one', async () => {
    await reportSiteQuotas('claude', { limits: claude, at: NOW });
    await reportSiteQuotas('claude', { limits: [{ ...claude[0], used: 0.5 }], at: NOW - 1 });
    await reportSiteQuotas('chatgpt', { limits: [], at: NOW });
    expect(await siteQuotas.getValue()).toEqual({ claude: { limits: claude, at: NOW } });
  });
});
