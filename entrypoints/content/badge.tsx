import { createRoot, type Root } from 'react-dom/client';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { Badge } from '@/components/Badge';

/** Mount the badge in a shadow root so the page's CSS and ours never meet. */
export async function mountBadge(ctx: ContentScriptContext): Promise<void> {
  const ui = await createShadowRootUi<Root>(ctx, {
    name: 'token-meter-badge',
    position: 'overlay',
    anchor: 'body',
    append: 'last',
    onMount(container) {
      const root = createRoot(container);
      root.render(<Badge />);
      return root;
    },
    onRemove(root) {
      root?.unmount();
    },
  });
  ui.mount();
}
