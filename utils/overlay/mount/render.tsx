/**
 * Drawing the overlay: the badge (and its panel) rendered from the overlay's state, and what its
 * buttons do (they change this site's overlay settings, which the mounting code watches).
 */
import { LocaleRoot } from '@/components/hooks/use-locale';
import type { Root } from 'react-dom/client';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Overlay, type OverlayProps } from '@/components/overlay/Overlay';
import type { SiteAdapter } from '@/utils/sites';
import { openCompareFromPage } from '@/utils/overlay/open-compare';
import { sendMessage } from '@/utils/messaging';
import { updateSiteOverlaySettings } from '@/utils/storage';
import type { OverlayState } from './state';

type Handlers = Pick<
  OverlayProps,
  'onPickModel' | 'onCollapse' | 'onMoved' | 'onCompare' | 'onOpenPanel'
>;

/** What the badge's controls do; `render` redraws once the panel's model list arrives. */
function badgeHandlers(
  adapter: SiteAdapter | null,
  state: OverlayState,
  render: () => void,
): Handlers {
  return {
    onPickModel(id) {
      if (!adapter) return;
      void updateSiteOverlaySettings(adapter.id, { modelOverride: id ?? undefined });
    },
    onCollapse(collapsed) {
      if (adapter) void updateSiteOverlaySettings(adapter.id, { collapsed });
    },
    onMoved(dx, dy) {
      if (!adapter) return;
      const offset = state.prefs.offset ?? { x: 0, y: 0 };
      void updateSiteOverlaySettings(adapter.id, {
        offset: { x: offset.x + dx, y: offset.y + dy },
      });
    },
    onCompare(scope) {
      if (!state.view || !state.lastPage) return;
      openCompareFromPage(scope, state.lastPage, state.view, adapter?.label ?? null).catch(
        () => undefined,
      );
    },
    onOpenPanel() {
      if (state.models) return;
      sendMessage('getModels', {})
        .then((reply) => {
          state.models = reply.models.map(({ id, name, provider }) => ({ id, name, provider }));
          render();
        })
        .catch(() => undefined);
    },
  };
}

/** A renderer of the state into a React root, once one is attached (a no-op until then). */
export function createRenderer(
  ctx: ContentScriptContext,
  adapter: SiteAdapter | null,
  state: OverlayState,
) {
  let root: Root | null = null;
  const render = () => {
    if (!root || ctx.isInvalid) return;
    // LocaleRoot: a language chosen in options redraws the badge in it at once.
    root.render(
      <LocaleRoot>
        <Overlay
          status={state.status}
          view={state.view}
          theme={state.theme}
          position={state.position}
          collapsed={state.prefs.collapsed === true}
          models={state.models}
          override={state.prefs.modelOverride ?? null}
          {...handlers}
        />
      </LocaleRoot>,
    );
  };
  const handlers = badgeHandlers(adapter, state, render);
  return {
    render,
    attach(next: Root | null) {
      root = next;
    },
  };
}

export type Renderer = ReturnType<typeof createRenderer>;
