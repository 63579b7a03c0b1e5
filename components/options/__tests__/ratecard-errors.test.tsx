// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FEEDS, getStatus, resetRateCardMemory, syncRateCard } from '@/utils/background/ratecard';
import { FX_SOURCE, type RateCardStatus } from '@/utils/core/ratecard';
import { setLocale } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { RateCardSection } from '../RateCardSection';

// The page asks the background for the status; here the background's real getStatus answers,
// after a real sync against a replaced network (503 from models.dev and the exchange rates,
// openrouter unreachable), so the codes tested are the ones the sync stores.
vi.mock('@/utils/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/messaging')>()),
  sendMessage: vi.fn(),
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

async function render(status: RateCardStatus) {
  vi.mocked(sendMessage).mockResolvedValue(status as never);
  const host = document.createElement('div');
  const root = createRoot(host);
  await act(async () => root.render(<RateCardSection />));
  const text = host.querySelector('[data-testid="ratecard-status"]')!.textContent!;
  act(() => root.unmount());
  return text;
}

async function failedSync() {
  resetRateCardMemory();
  await syncRateCard({
    fetch: async (url) => {
      if (url === FEEDS.openrouter.url) throw new TypeError('Failed to fetch');
      return new Response('busy', { status: url === FX_SOURCE.url ? 502 : 503 });
    },
  });
  return getStatus();
}

afterEach(() => setLocale('en'));

describe('rate-card sync errors on the options page', () => {
  it('are stored as codes and shown in the UI language at display time', async () => {
    const status = await failedSync();
    expect(status.feeds.modelsDev.errorInfo).toEqual({
      code: 'http',
      values: { source: 'models.dev', status: '503' },
    });
    expect(status.exchangeRates?.errorInfo).toMatchObject({ code: 'http' });

    setLocale('zh-CN');
    const zh = await render(status);
    expect(zh).toContain('models.dev 返回 HTTP 503');
    expect(zh).toContain('无法连接 openrouter.ai（Failed to fetch）');
    expect(zh).toContain(`${FX_SOURCE.name} 返回 HTTP 502`);
    // The third feed, genai-prices, on a line of its own
    expect(zh).toContain(`${FEEDS.genaiPrices.url}: genai-prices 返回 HTTP 503`);
    expect(zh).toContain('继续使用上一份有效的价目表');
    expect(zh).not.toMatch(/answered|unreachable|options\.ratecard/);

    setLocale('en');
    const en = await render(status);
    expect(en).toContain('models.dev answered HTTP 503');
    expect(en).toContain('openrouter.ai unreachable (Failed to fetch)');
    expect(en).toContain(`${FEEDS.genaiPrices.url}: genai-prices answered HTTP 503`);
  });

  it('a genai-prices payload refused by its guards shows as its own line, the other feeds fine', async () => {
    resetRateCardMemory();
    await syncRateCard({
      fetch: async (url) =>
        url === FEEDS.genaiPrices.url
          ? new Response('{"providers": "none"}', {
              headers: { 'content-type': 'application/json' },
            })
          : new Response(null, { status: 304 }),
    });
    const status = await getStatus();
    expect(status.feeds.genaiPrices?.errorInfo?.code).toBe('rejected');
    expect(status.feeds.modelsDev.error).toBeNull();
    setLocale('zh-CN');
    const zh = await render(status);
    expect(zh).toMatch(
      /data\.json: 数据未通过检查：genai-prices rejected: payload: \(root\): Invalid input/,
    );
    expect(zh).toContain(`${FEEDS.modelsDev.url}: `);
    expect(zh).not.toContain('models.dev 返回');
  });

  it('shows an error stored before codes existed (or with an unknown code) as its text', async () => {
    const status = await failedSync();
    const old: RateCardStatus = {
      ...status,
      error: 'models.dev answered HTTP 500; openrouter.ai answered HTTP 500',
      errors: undefined,
      feeds: {
        modelsDev: { ...status.feeds.modelsDev, error: 'models.dev answered HTTP 500' },
        openrouter: {
          ...status.feeds.openrouter,
          error: 'openrouter.ai answered HTTP 500',
          errorInfo: { code: 'fromTheFuture', values: {} } as never,
        },
      },
      exchangeRates: { date: null, error: 'Frankfurter answered HTTP 500' },
    };
    delete old.feeds.modelsDev.errorInfo;
    setLocale('zh-CN');
    const zh = await render(old);
    expect(zh).toContain('models.dev answered HTTP 500');
    expect(zh).toContain('openrouter.ai answered HTTP 500');
    expect(zh).toContain('Frankfurter answered HTTP 500');
    expect(zh).toContain('models.dev answered HTTP 500; openrouter.ai answered HTTP 500');
    expect(zh).not.toMatch(/options\.ratecard\.err|fromTheFuture/);
  });
});
