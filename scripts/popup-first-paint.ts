// Build steps for the popup's first paint, which the page's first script (page-start.js) draws
// with the same code as the modules (components/popup/early-paint.ts).
import type { IndexHtmlTransformContext, Plugin } from 'vite';
import { firstPaintCatalog } from '../components/popup/first-paint-messages';
import type { Locale } from '../utils/i18n';
import { CATALOGS } from '../utils/i18n/catalogs';

const PREFIX = '\0first-paint-messages:';
/** Each catalog module's export name (utils/i18n/messages/<locale>.ts). */
const EXPORTS: Record<Locale, string> = { en: 'en', 'zh-CN': 'zhCN' };

/**
 * `t()` included, the first script would carry both 40 KB catalogs. For its build only, the
 * catalogs that utils/i18n/index.ts imports are replaced by the strings the first paint shows
 * (components/popup/first-paint-messages.ts), taken from the same catalogs.
 */
export function firstPaintCatalogs(): Plugin {
  return {
    name: 'token-meter:first-paint-catalogs',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.replace(/\\/g, '/').endsWith('/utils/i18n/index.ts')) return null;
      const match = /^\.\/messages\/(en|zh-CN)(\.ts)?$/.exec(source);
      return match ? PREFIX + match[1] : null;
    },
    load(id) {
      if (!id.startsWith(PREFIX)) return null;
      const locale = id.slice(PREFIX.length) as Locale;
      return `export const ${EXPORTS[locale]} = ${JSON.stringify(firstPaintCatalog(CATALOGS[locale]))};`;
    },
  };
}

const POPUP_HTML = /[\\/]popup[\\/]index\.html$/;

/**
 * The popup's first path, when the first script draws the numbers: every extension file arrives
 * ~40–60 ms after its request (more when several are asked at once), so popup.html asks for as
 * few as it can before that script's.
 * - Its stylesheet is inlined (a `<style>`; extension pages' CSP restricts scripts, not
 *   styles): a stylesheet link holds the first frame until the file has arrived. The CSS file
 *   stays in the build, unused by the popup.
 * - No modulepreload links: the six module files would be asked for beside the first script
 *   and slow its arrival. The module's imports are asked for when it has arrived (its numbers
 *   and React come that much later; the numbers only when the first script drew none).
 */
export function popupFirstPath(): Plugin {
  return {
    name: 'token-meter:popup-first-path',
    config: () => ({
      build: {
        modulePreload: {
          resolveDependencies: (_file, deps, { hostId, hostType }) =>
            hostType === 'html' && POPUP_HTML.test(hostId) ? [] : deps,
        },
      },
    }),
    transformIndexHtml: {
      order: 'post',
      handler(html: string, ctx: IndexHtmlTransformContext) {
        if (!ctx.bundle || !POPUP_HTML.test(ctx.filename)) return html;
        return html.replace(
          /<link rel="stylesheet"[^>]*href="\/?(assets\/popup-[^"]+\.css)"[^>]*>/,
          (link, file: string) => {
            const asset = ctx.bundle![file];
            if (asset?.type !== 'asset') return link;
            // A closing tag inside the CSS would end the element early: keep the link then.
            const css = String(asset.source);
            return /<\/style/i.test(css) ? link : `<style>${css}</style>`;
          },
        );
      },
    },
  };
}
