/**
 * Where the badge sits: by the composer, its bottom-right corner just above the composer's
 * top-right corner, moved by the user's offset, kept inside the viewport; in the viewport's
 * corner when there is no composer.
 *
 * Reading a rect forces a layout, and after a keystroke in a long draft that layout costs tens
 * of ms: so the rect is read only when the composer is new, resized (ResizeObserver runs after
 * layout, when reading it is free) or the window changes, never on each keystroke.
 */
import type { SiteAdapter } from '@/utils/sites';

const clamp = (v: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, v));

/** The badge's position for a composer's rect (null: none), an offset and a viewport (pure). */
export function badgePosition(
  composer: Pick<DOMRect, 'right' | 'top'> | null,
  offset: { x: number; y: number },
  viewport: { width: number; height: number },
): { right: number; bottom: number } {
  const w = viewport.width;
  const h = viewport.height;
  if (!composer) {
    return {
      right: clamp(16 - offset.x, 0, w - 60),
      bottom: clamp(16 - offset.y, 0, h - 30),
    };
  }
  return {
    right: clamp(w - composer.right - offset.x, 0, w - 60),
    bottom: clamp(h - composer.top + 6 - offset.y, 0, h - 30),
  };
}

/**
 * Follows the site's composer: `watch()` (after each snapshot) notices a new composer and
 * observes its size; `place()` computes the position from the composer watched and hands it to
 * `onPlace`; a resize of the composer places and redraws.
 */
export function createPlacement(options: {
  adapter: SiteAdapter;
  doc: Document;
  offset: () => { x: number; y: number } | undefined;
  onPlace: (position: { right: number; bottom: number }) => void;
  onResize: () => void;
}) {
  let watched: Element | null = null;
  const place = () => {
    options.onPlace(
      badgePosition(
        watched ? watched.getBoundingClientRect() : null,
        options.offset() ?? { x: 0, y: 0 },
        { width: window.innerWidth, height: window.innerHeight },
      ),
    );
  };
  const resizeObserver = new ResizeObserver(() => {
    place();
    options.onResize();
  });
  return {
    place,
    watch() {
      const composer = options.adapter.findComposer(options.doc);
      if (composer === watched) return;
      if (watched) resizeObserver.unobserve(watched);
      watched = composer;
      if (composer) resizeObserver.observe(composer);
      else place();
    },
    dispose: () => resizeObserver.disconnect(),
  };
}
