/** The host page's theme: explicit markers first, then the luminance of the page background. */
export function readTheme(doc: Document): 'light' | 'dark' {
  const html = doc.documentElement;
  const marker = `${html.className} ${html.getAttribute('data-theme') ?? ''} ${html.getAttribute('data-mode') ?? ''} ${doc.body?.className ?? ''}`;
  if (/\bdark\b/i.test(marker)) return 'dark';
  if (/\blight\b/i.test(marker)) return 'light';
  const view = doc.defaultView;
  if (!view || !doc.body) return 'light';
  for (const el of [doc.body, html]) {
    const bg = view.getComputedStyle(el).backgroundColor;
    const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?/.exec(bg);
    if (m && (m[4] === undefined || Number(m[4]) > 0.5)) {
      const [r, g, b] = [m[1], m[2], m[3]].map(Number);
      return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
    }
  }
  return view.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
