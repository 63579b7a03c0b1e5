// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { getBundledCard, lookupModels } from '@/utils/core/ratecard';
import { setLocale } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { ModelLookup } from '../ModelLookup';

// The background's answer is the real lookup over the bundled card; only the message hop is replaced.
vi.mock('@/utils/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/utils/messaging')>()),
  sendMessage: vi.fn(),
}));

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const card = getBundledCard();
let root: Root | null = null;

async function lookUp(query: string) {
  vi.mocked(sendMessage).mockImplementation((async (_type: string, req: { query: string }) =>
    lookupModels(card, req.query)) as never);
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root!.render(<ModelLookup />));
  const input = host.querySelector<HTMLInputElement>('[data-testid="lookup-input"]')!;
  await act(async () => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setter.call(input, query);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await act(async () => {
    await new Promise((r) => setTimeout(r, 200));
  });
  return host;
}

afterEach(() => {
  act(() => root?.unmount());
  root = null;
  document.body.innerHTML = '';
  setLocale('en');
});

describe('look up a model (options page)', () => {
  it('has a labelled search box and announces the count', async () => {
    const host = await lookUp('claude-sonnet-4-5');
    const input = host.querySelector('input')!;
    const label = host.querySelector(`label[for="${input.id}"]`);
    expect(label?.textContent).toBe('Look up a model');
    const count = host.querySelector('[data-testid="lookup-count"]')!;
    expect(count.getAttribute('role')).toBe('status');
    expect(input.getAttribute('aria-describedby')).toBe(count.id);
    expect(count.textContent).toMatch(/\d+ models?/);
  });

  it("shows Sonnet 4.5's fields with their source and the tier taken from genai-prices", async () => {
    const host = await lookUp('claude-sonnet-4-5');
    const model = host.querySelector('[data-model="anthropic/claude-sonnet-4-5"]')!;
    const lab = model.querySelector('[data-offer="default"]')!;
    const input = lab.querySelector('tr[data-field="input"]')!.textContent!;
    expect(input).toContain('models.dev 2026-07-02 (data of 2026-07-02)');
    expect(lab.querySelector('tr[data-field="reasoning"]')!.textContent).toContain(
      'billed as output',
    );
    const tier = lab.querySelector('[data-testid="lookup-tier"]')!.textContent!;
    expect(tier).toContain('Above 200,000 prompt tokens');
    expect(tier).toContain('taken from genai-prices 0.1.8 2026-09-23');
  });

  it('shows the DeepSeek peak rule with its source, the history and CNY list prices, in Chinese', async () => {
    setLocale('zh-CN');
    const host = await lookUp('deepseek-v4-flash');
    const lab = host.querySelector(
      '[data-model="deepseek/deepseek-v4-flash"] [data-offer="default"]',
    )!;
    const rules = lab.querySelector('[data-testid="lookup-rules"]')!.textContent!;
    expect(rules).toContain('DeepSeek peak hours：星期 1,2,3,4,5，01:00-04:00, 06:00-10:00 UTC');
    expect(rules).toContain('价格 ×2');
    expect(rules).toContain('来源：DeepSeek peak-valley pricing notice');
    expect(lab.querySelector('[data-testid="lookup-history"]')!.textContent).toContain(
      '至 2026-08-17',
    );
    expect(lab.querySelector('[data-testid="lookup-list-prices"]')!.textContent).toContain('CNY');
    expect(lab.querySelector('tr[data-field="input"]')!.textContent).toContain(
      '自 2026-08-17 起生效',
    );
    expect(host.textContent).not.toMatch(/options\.lookup/);
  });

  it('says when nothing matches and renders no rows', async () => {
    const host = await lookUp('zzz-no-such-model');
    expect(host.querySelector('[data-testid="lookup-count"]')!.textContent).toBe('0 models');
    expect(host.querySelectorAll('[data-testid="lookup-model"]')).toHaveLength(0);
  });
});
