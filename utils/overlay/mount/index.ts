/**
 * Mounting the overlay on a page: the badge in a shadow root (the page's CSS and ours never
 * meet), then, for a site the registry knows, the runner reading the page and the meter turning
 * what it reads into the badge's figures. Without an adapter (a page the registry does not know)
 * only the badge shows, saying so.
 *
 * - state.ts: what the overlay shows; render.tsx: drawing it and what its buttons do;
 * - placement.ts: where the badge sits (by the composer); theme.ts: the page's light or dark.
 */
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { currentLocale, onLocaleChange } from '@/utils/i18n';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { SiteAdapter } from '@/utils/sites';
import { sendMessage } from '@/utils/messaging';
import { createMeter } from '@/utils/overlay/meter';
import { startRunner } from '@/utils/overlay/runner';
import { createMessagingServices } from '@/utils/overlay/services';
import type { UsageReport } from '@/utils/overlay/types';
import {
  currencySettings,
  overlaySettings,
  reportSiteHealth,
  type OverlaySettings,
  type OverlaySiteSettings,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
import { createPlacement } from './placement';
import { createRenderer, type Renderer } from './render';
import { initialState, type OverlayState } from './state';
import { readTheme } from './theme';

export interface OverlayHandle {
  addUsage(report: UsageReport): void;
}

/** The overlay of a site that is off, or of a script that lost to a newer copy of itself. */
const INERT: OverlayHandle = { addUsage: () => undefined };

/** Put the badge in a shadow root at the end of the body; false if the script went invalid. */
async function mountShadowRoot(ctx: ContentScriptContext, renderer: Renderer): Promise<boolean> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'token-meter-badge',
    position: 'overlay',
    anchor: 'body',
    append: 'last',
    onMount(container, shadow) {
      // The shadow root's own <html>: its language is the overlay's (screen readers, axe).
      const html = shadow.querySelector('html');
      html?.setAttribute('lang', currentLocale());
      onLocaleChange((locale) => html?.setAttribute('lang', locale));
      const root = createRoot(container);
      renderer.attach(root);
      renderer.render();
      return root;
    },
    onRemove(r) {
      r?.unmount();
      renderer.attach(null);
    },
  });
  if (ctx.isInvalid) return false;
  ui.mount();
  return true;
}

/** The meter for this site: each view it computes is drawn at once, and health changes reported. */
function createSiteMeter(
  adapter: SiteAdapter,
  state: OverlayState,
  render: () => void,
  storeText: () => boolean,
  currency: () => string,
) {
  return createMeter({
    site: { id: adapter.id, label: adapter.label },
    pricing: adapter.pricing,
    services: createMessagingServices({ offer: adapter.pricing?.offer, currency }),
    storeText,
    onView(next) {
      if (next.health !== state.view?.health || next.healthNote !== state.view?.healthNote) {
        reportSiteHealth(adapter.id, {
          health: next.health,
          note: next.healthNote,
          at: Date.now(),
        }).catch(() => undefined);
      }
      state.view = next;
      // Commit now rather than on React's next scheduled task, which would wait behind the
      // page's own frame (the keystroke-to-badge latency).
      flushSync(render);
    },
  });
}

/**
 * Read the page and meter it: the runner's snapshots go to the meter (and the page's composer
 * and theme are noted on the way), this site's overlay settings are followed, and everything
 * stops when the script is invalidated.
 */
function startMetering(
  ctx: ContentScriptContext,
  adapter: SiteAdapter,
  state: OverlayState,
  renderer: Renderer,
  storeText: () => boolean,
  currency: { value: string },
): OverlayHandle {
  const { render } = renderer;
  const placement = createPlacement({
    adapter,
    doc: document,
    offset: () => state.prefs.offset,
    onPlace: (position) => (state.position = position),
    onResize: render,
  });
  const meter = createSiteMeter(adapter, state, render, storeText, () => currency.value);
  if (state.prefs.modelOverride) void meter.setOverride(state.prefs.modelOverride);

  // Another display currency (options page): every figure is priced again in it.
  const unwatchCurrency = currencySettings.watch((next) => {
    const code = next?.currency ?? 'USD';
    if (code === currency.value) return;
    currency.value = code;
    meter.reprice().catch(() => undefined);
  });

  const unwatch = overlaySettings.watch((all) => {
    const next: OverlaySiteSettings = all?.[adapter.id] ?? {};
    if (next.modelOverride !== state.prefs.modelOverride)
      void meter.setOverride(next.modelOverride ?? null);
    state.prefs = next;
    placement.place();
    render();
  });

  let themeReadAt = 0;
  const runner = startRunner({
    adapter,
    doc: document,
    signal: ctx.signal,
    onSnapshot(snapshot) {
      state.lastPage = snapshot;
      try {
        placement.watch();
        // The theme changes rarely; a style read per keystroke is not worth it.
        if (Date.now() - themeReadAt > 2000) {
          themeReadAt = Date.now();
          state.theme = readTheme(document);
        }
      } catch {
        // layout reads must not stop counting
      }
      meter.update(snapshot).catch(() => undefined);
    },
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => runner.flush());
  ctx.addEventListener(window, 'resize', () => {
    placement.place();
    render();
  });
  ctx.onInvalidated(() => {
    placement.dispose();
    meter.dispose();
    // After an extension reload the storage API is gone and WXT's unwatch throws into the page
    // (found by tests/e2e/faults-restart.test.ts); there is nothing left to unwatch then.
    try {
      unwatch();
      unwatchCurrency();
    } catch {
      // orphaned: the listener went with the old extension
    }
  });
  return { addUsage: (report) => void meter.addUsage(report).catch(() => undefined) };
}

/** Mount the overlay for this page and start metering it (see the top of this file). */
export async function startOverlay(
  ctx: ContentScriptContext,
  adapter: SiteAdapter | null,
): Promise<OverlayHandle> {
  const sites = await siteSettings
    .getValue()
    .catch(() => ({ disabled: [] as string[], badgeHidden: [] as string[] }));
  if (adapter && sites.disabled.includes(adapter.id)) return INERT;
  const hidden = adapter ? sites.badgeHidden.includes(adapter.id) : false;
  const prefs: OverlaySiteSettings = adapter
    ? ((await overlaySettings.getValue().catch((): OverlaySettings => ({})))[adapter.id] ?? {})
    : {};
  // A newer copy of this script (re-injected after an install or update) invalidates this one;
  // an abort that lands during an await above would otherwise be missed and leave two badges.
  if (ctx.isInvalid) return INERT;
  const state = initialState(prefs);
  let storeText = false;
  privacySettings.getValue().then(
    (p) => (storeText = p.storePromptText),
    () => undefined,
  );
  // The display currency before the first figure, so a CNY user never sees a flash of USD.
  const currency = {
    value: await currencySettings.getValue().then(
      (c) => c.currency,
      () => 'USD',
    ),
  };
  if (ctx.isInvalid) return INERT;

  const renderer = createRenderer(ctx, adapter, state);
  if (!hidden && !(await mountShadowRoot(ctx, renderer))) return INERT;

  sendMessage('ping', { from: 'content' })
    .then(() => (state.status = 'connected'))
    .catch(() => (state.status = 'offline'))
    .finally(renderer.render);

  if (!adapter) return INERT;
  return startMetering(ctx, adapter, state, renderer, () => storeText, currency);
}
