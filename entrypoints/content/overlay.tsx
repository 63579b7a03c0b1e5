import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Badge, type ConnectionStatus } from '@/components/Badge';
import type { ModelChoice } from '@/components/overlay/Panel';
import { sendMessage } from '@/utils/messaging';
import type { SiteAdapter } from '@/utils/sites';
import { createMeter } from '@/utils/overlay/meter';
import { startRunner } from '@/utils/overlay/runner';
import { createMessagingServices } from '@/utils/overlay/services';
import type { MeterView, UsageReport } from '@/utils/overlay/types';
import {
  overlaySettings,
  reportSiteHealth,
  updateSiteOverlaySettings,
  type OverlaySettings,
  type OverlaySiteSettings,
  privacySettings,
  siteSettings,
} from '@/utils/storage';
import { openCompareFromPage } from '@/utils/overlay/open-compare';
import { readTheme } from './theme';

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

export interface OverlayHandle {
  addUsage(report: UsageReport): void;
}

/**
 * Mount the badge (shadow root: the page's CSS and ours never meet) and start the runner and the
 * meter for this site. Without an adapter (a page the registry does not know) only the badge
 * shows, saying so.
 */
export async function startOverlay(
  ctx: ContentScriptContext,
  adapter: SiteAdapter | null,
): Promise<OverlayHandle> {
  const sites = await siteSettings
    .getValue()
    .catch(() => ({ disabled: [] as string[], badgeHidden: [] as string[] }));
  if (adapter && sites.disabled.includes(adapter.id)) return { addUsage: () => undefined };
  const hidden = adapter ? sites.badgeHidden.includes(adapter.id) : false;

  let status: ConnectionStatus = 'connecting';
  let view: MeterView | null = null;
  let theme: 'light' | 'dark' = 'light';
  let position: { right: number; bottom: number } | null = null;
  let prefs: OverlaySiteSettings = adapter
    ? ((await overlaySettings.getValue().catch((): OverlaySettings => ({})))[adapter.id] ?? {})
    : {};
  // A newer copy of this script (re-injected after an install or update) invalidates this one;
  // an abort that lands during an await above would otherwise be missed and leave two badges.
  if (ctx.isInvalid) return { addUsage: () => undefined };
  let models: ModelChoice[] | null = null;
  // The page as last read, for "Compare on other models" (the text goes to the background only on click).
  let lastPage: { draft: string | null; turns: { text: string }[] } | null = null;
  let storeText = false;
  privacySettings.getValue().then(
    (p) => (storeText = p.storePromptText),
    () => undefined,
  );

  let root: Root | null = null;
  const render = () => {
    if (!root || ctx.isInvalid) return;
    root.render(
      <Badge
        status={status}
        view={view}
        theme={theme}
        position={position}
        collapsed={prefs.collapsed === true}
        models={models}
        override={prefs.modelOverride ?? null}
        onPickModel={(id) => {
          if (!adapter) return;
          void updateSiteOverlaySettings(adapter.id, { modelOverride: id ?? undefined });
        }}
        onCollapse={(collapsed) => {
          if (adapter) void updateSiteOverlaySettings(adapter.id, { collapsed });
        }}
        onMoved={(dx, dy) => {
          if (!adapter) return;
          const offset = prefs.offset ?? { x: 0, y: 0 };
          void updateSiteOverlaySettings(adapter.id, {
            offset: { x: offset.x + dx, y: offset.y + dy },
          });
        }}
        onCompare={(scope) => {
          if (!view || !lastPage) return;
          openCompareFromPage(scope, lastPage, view, adapter?.label ?? null).catch(() => undefined);
        }}
        onOpenPanel={() => {
          if (models) return;
          sendMessage('getModels', {})
            .then((reply) => {
              models = reply.models.map(({ id, name, provider }) => ({ id, name, provider }));
              render();
            })
            .catch(() => undefined);
        }}
      />,
    );
  };

  if (!hidden) {
    const ui = await createShadowRootUi<Root>(ctx, {
      name: 'token-meter-badge',
      position: 'overlay',
      anchor: 'body',
      append: 'last',
      onMount(container) {
        root = createRoot(container);
        render();
        return root;
      },
      onRemove(r) {
        r?.unmount();
        root = null;
      },
    });
    if (ctx.isInvalid) return { addUsage: () => undefined };
    ui.mount();
  }

  sendMessage('ping', { from: 'content' })
    .then(() => (status = 'connected'))
    .catch(() => (status = 'offline'))
    .finally(render);

  if (!adapter) return { addUsage: () => undefined };

  // By the composer: the badge's bottom-right corner just above the composer's top-right corner,
  // moved by the user's offset, kept inside the viewport.
  // Reading a rect forces a layout, and after a keystroke in a long draft that layout costs tens
  // of ms: so the rect is read only when the composer is new, resized (ResizeObserver runs after
  // layout, when reading it is free) or the window changes, never on each keystroke.
  let watchedComposer: Element | null = null;
  const resizeObserver = new ResizeObserver(() => {
    place();
    render();
  });
  const watchComposer = () => {
    const composer = adapter.findComposer(document);
    if (composer === watchedComposer) return;
    if (watchedComposer) resizeObserver.unobserve(watchedComposer);
    watchedComposer = composer;
    if (composer) resizeObserver.observe(composer);
    else place();
  };
  let themeReadAt = 0;
  const place = () => {
    const composer = watchedComposer;
    const offset = prefs.offset ?? { x: 0, y: 0 };
    const w = window.innerWidth;
    const h = window.innerHeight;
    if (!composer) {
      position = {
        right: clamp(16 - offset.x, 0, w - 60),
        bottom: clamp(16 - offset.y, 0, h - 30),
      };
      return;
    }
    const rect = composer.getBoundingClientRect();
    position = {
      right: clamp(w - rect.right - offset.x, 0, w - 60),
      bottom: clamp(h - rect.top + 6 - offset.y, 0, h - 30),
    };
  };

  const meter = createMeter({
    site: { id: adapter.id, label: adapter.label },
    pricing: adapter.pricing,
    services: createMessagingServices({ offer: adapter.pricing?.offer }),
    storeText: () => storeText,
    onView(next) {
      if (next.health !== view?.health || next.healthNote !== view?.healthNote) {
        reportSiteHealth(adapter.id, {
          health: next.health,
          note: next.healthNote,
          at: Date.now(),
        }).catch(() => undefined);
      }
      view = next;
      // Commit now rather than on React's next scheduled task, which would wait behind the
      // page's own frame (the keystroke-to-badge latency).
      flushSync(render);
    },
  });
  if (prefs.modelOverride) void meter.setOverride(prefs.modelOverride);

  const unwatch = overlaySettings.watch((all) => {
    const next = all?.[adapter.id] ?? {};
    if (next.modelOverride !== prefs.modelOverride)
      void meter.setOverride(next.modelOverride ?? null);
    prefs = next;
    place();
    render();
  });

  const runner = startRunner({
    adapter,
    doc: document,
    signal: ctx.signal,
    onSnapshot(snapshot) {
      lastPage = snapshot;
      try {
        watchComposer();
        // The theme changes rarely; a style read per keystroke is not worth it.
        if (Date.now() - themeReadAt > 2000) {
          themeReadAt = Date.now();
          theme = readTheme(document);
        }
      } catch {
        // layout reads must not stop counting
      }
      meter.update(snapshot).catch(() => undefined);
    },
  });
  ctx.addEventListener(window, 'wxt:locationchange', () => runner.flush());
  ctx.addEventListener(window, 'resize', () => {
    place();
    render();
  });
  ctx.onInvalidated(() => {
    resizeObserver.disconnect();
    meter.dispose();
    // After an extension reload the storage API is gone and WXT's unwatch throws into the page
    // (found by tests/e2e/faults-restart.test.ts); there is nothing left to unwatch then.
    try {
      unwatch();
    } catch {
      // orphaned: the listener went with the old extension
    }
  });

  return { addUsage: (report) => void meter.addUsage(report).catch(() => undefined) };
}
