export interface Palette {
  bg: string;
  fg: string;
  muted: string;
  border: string;
  ok: string;
  amber: string;
  red: string;
}

export const PALETTES: Record<'light' | 'dark', Palette> = {
  light: {
    bg: '#ffffff',
    fg: '#111827',
    muted: '#6b7280',
    border: '#d1d5db',
    // Each at least 4.5:1 on the white background (WCAG AA for small text).
    ok: '#15803d',
    amber: '#b45309',
    red: '#b91c1c',
  },
  dark: {
    bg: '#1f2937',
    fg: '#f9fafb',
    muted: '#9ca3af',
    border: '#374151',
    ok: '#22c55e',
    amber: '#f59e0b',
    red: '#f87171',
  },
};

/** Context meter colour: amber from 80 %, red from 95 % of the model's window. */
export function meterColor(ratio: number, palette: Palette): string {
  if (ratio >= 0.95) return palette.red;
  if (ratio >= 0.8) return palette.amber;
  return palette.ok;
}
