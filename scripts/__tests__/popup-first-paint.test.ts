import type { IndexHtmlTransformContext, Plugin } from 'vite';
import { describe, expect, it } from 'vitest';
import { firstPaintCatalog } from '../../components/popup/first-paint-messages';
import { CATALOGS } from '../../utils/i18n/catalogs';
import { firstPaintCatalogs, popupFirstPath } from '../popup-first-paint';

type Hook = (...args: unknown[]) => unknown;
const hook = (plugin: Plugin, name: keyof Plugin): Hook => {
  const h = plugin[name] as Hook | { handler: Hook };
  return typeof h === 'function' ? h : h.handler;
};

describe("the first script's build: only the first paint's strings", () => {
  const plugin = firstPaintCatalogs();
  const resolve = hook(plugin, 'resolveId');
  const load = hook(plugin, 'load');

  it("replaces the catalogs utils/i18n/index.ts imports, and nothing else's", () => {
    expect(resolve('./messages/en', '/repo/utils/i18n/index.ts')).toBe('\0first-paint-messages:en');
    expect(resolve('./messages/zh-CN', 'C:\\repo\\utils\\i18n\\index.ts')).toBe(
      '\0first-paint-messages:zh-CN',
    );
    expect(resolve('./messages/en', '/repo/utils/i18n/catalogs.ts')).toBeNull();
    expect(resolve('./other', '/repo/utils/i18n/index.ts')).toBeNull();
  });

  it('each cut catalog holds the first paint strings of that language, under its export name', () => {
    for (const [locale, name] of [
      ['en', 'en'],
      ['zh-CN', 'zhCN'],
    ] as const) {
      const code = load(`\0first-paint-messages:${locale}`) as string;
      expect(code.startsWith(`export const ${name} = `)).toBe(true);
      const catalog = JSON.parse(code.slice(`export const ${name} = `.length, -1)) as object;
      expect(catalog).toEqual(firstPaintCatalog(CATALOGS[locale]));
      expect(catalog).toHaveProperty(['popup.period.week'], CATALOGS[locale]['popup.period.week']);
      expect(Object.keys(catalog).length).toBeLessThan(40);
    }
    expect(load('/repo/utils/i18n/index.ts')).toBeNull();
  });
});

describe("popup.html's first path", () => {
  const plugin = popupFirstPath();
  const popup = '/repo/entrypoints/popup/index.html';
  const css = '.tm-card{display:flex}';
  const html =
    '<head><script src="/page-start.js" ></script>' +
    '<link rel="stylesheet" crossorigin href="/assets/popup-Ab12.css"></head>';
  const transform = (filename: string, source = css) =>
    hook(plugin, 'transformIndexHtml')(html, {
      filename,
      bundle: { 'assets/popup-Ab12.css': { type: 'asset', source } },
    } as unknown as IndexHtmlTransformContext) as string;

  it('inlines the popup stylesheet, and only in popup.html', () => {
    expect(transform(popup)).toBe(
      `<head><script src="/page-start.js" ></script><style>${css}</style></head>`,
    );
    expect(transform('/repo/entrypoints/dashboard/index.html')).toBe(html);
    // A closing tag in the CSS would end the element early: the link stays.
    expect(transform(popup, 'a{content:"</style>"}')).toBe(html);
  });

  it('lists no modulepreload in popup.html; other pages and dynamic imports keep theirs', () => {
    const config = hook(plugin, 'config')() as {
      build: { modulePreload: { resolveDependencies: Hook } };
    };
    const deps = ['chunks/a.js', 'chunks/b.js'];
    const resolveDeps = config.build.modulePreload.resolveDependencies;
    expect(resolveDeps('x.js', deps, { hostId: popup, hostType: 'html' })).toEqual([]);
    expect(
      resolveDeps('x.js', deps, {
        hostId: '/repo/entrypoints/dashboard/index.html',
        hostType: 'html',
      }),
    ).toEqual(deps);
    expect(resolveDeps('x.js', deps, { hostId: 'chunks/popup.js', hostType: 'js' })).toEqual(deps);
  });
});
