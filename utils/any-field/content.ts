/**
 * The "any other page" content script's body: started only where the user turned counting on
 * (the script is registered for those sites alone), it badges every text field with its token
 * count and input cost on the model picked for the site. It goes quiet when the site is turned
 * off or the extension reloads; it never throws into the page.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { sendMessage } from '@/utils/messaging';
import { startFieldLayer, type FieldCount } from './layer';
import { patternOf } from './origin';
import { anyFieldSites, defaultModel } from '@/utils/storage';

const STARTED = Symbol.for('token-meter.any-field');

export async function startAnyField(ctx: ContentScriptContext): Promise<void> {
  // Registered and also injected into the tab it was turned on in: run once.
  const scope = globalThis as unknown as Record<symbol, boolean>;
  if (scope[STARTED]) return;
  scope[STARTED] = true;

  const pattern = patternOf(location.href);
  if (!pattern) return;
  const [sites, fallback] = await Promise.all([anyFieldSites.getValue(), defaultModel.getValue()]);
  if (!sites[pattern] || ctx.isInvalid) {
    scope[STARTED] = false;
    return;
  }
  let model = sites[pattern].model ?? fallback;

  const controller = new AbortController();
  ctx.onInvalidated(() => controller.abort());
  const layer = startFieldLayer({
    doc: document,
    signal: controller.signal,
    counter: {
      modelName: () => model,
      async count(text): Promise<FieldCount> {
        const asked = model;
        const { count } = await sendMessage('countTokens', { model: asked, text });
        let costMicros: number | null = null;
        try {
          const price = await sendMessage('priceUsage', {
            model: asked,
            usage: { input: count.tokens, output: 0 },
          });
          // Only USD is shown; a card entry in another currency is not relabelled.
          if (price.priced && price.currency === 'USD') costMicros = price.costMicros;
        } catch {
          // the card did not answer: unpriced, not $0
        }
        return { tokens: count, costMicros };
      },
    },
  });

  const unwatch = anyFieldSites.watch((next) => {
    const entry = next?.[pattern];
    if (!entry) {
      // Turned off from the popup: remove every badge now, not at the next reload.
      controller.abort();
      scope[STARTED] = false;
      return;
    }
    const picked = entry.model ?? fallback;
    if (picked !== model) {
      model = picked;
      layer.recountAll();
    }
  });
  controller.signal.addEventListener('abort', unwatch, { once: true });
}
