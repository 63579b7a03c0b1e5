/** What the overlay shows, kept by the mounting code and drawn by `render` on every change. */
import type { ConnectionStatus } from '@/components/overlay/Overlay';
import type { ModelChoice } from '@/components/overlay/Panel';
import type { OverlaySiteSettings } from '@/utils/storage';
import type { MeterView } from '@/utils/overlay/types';

export interface OverlayState {
  status: ConnectionStatus;
  view: MeterView | null;
  theme: 'light' | 'dark';
  /** Where the badge sits (px from the viewport's right and bottom); null = the corner. */
  position: { right: number; bottom: number } | null;
  /** This site's overlay settings (collapsed, moved, model override). */
  prefs: OverlaySiteSettings;
  /** The rate card's models for the panel's picker, loaded when the panel first opens. */
  models: ModelChoice[] | null;
  /** The page as last read, for "Compare on other models" (the text goes to the background only on click). */
  lastPage: { draft: string | null; turns: { text: string }[] } | null;
}

export function initialState(prefs: OverlaySiteSettings): OverlayState {
  return {
    status: 'connecting',
    view: null,
    theme: 'light',
    position: null,
    prefs,
    models: null,
    lastPage: null,
  };
}
