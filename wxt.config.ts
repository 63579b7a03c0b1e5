import { defineConfig } from 'wxt';
import { SITE_MATCHES } from './utils/sites/matches';
import { firstPaintCatalogs, popupFirstPath } from './scripts/popup-first-paint';
import { localeAssets } from './scripts/locales-assets';
import { stripDemoMatches } from './scripts/store-manifest';
import { tokenizerAssets } from './scripts/tokenizer-assets';

/**
 * The hosts the rate-card sync may fetch. genai-prices' data is one file on GitHub's raw host
 * (a host permission's path is ignored by browsers, so `/*` by convention). openrouter.ai also
 * serves the user's own OpenRouter key (credits, activity; utils/background/openrouter.ts), only
 * once one is saved: that needs no host beyond this one, so it is asked for again in the click
 * that saves the key (Firefox may prompt) and not dropped when the key is removed.
 */
const RATE_CARD_HOSTS = [
  'https://models.dev/*',
  'https://openrouter.ai/*',
  'https://raw.githubusercontent.com/*',
];
/** The optional host permission's ceiling; a single site (`https://host/*`) is requested. */
const ANY_SITE = ['https://*/*', 'http://*/*'];

// One manifest function for both browsers, never a per-browser manifest file: the two builds
// differ only where `browser` / `manifestVersion` say so below.
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `wxt` dev mode would try to launch a browser; `npm start` launches Chromium itself.
  webExt: { disabled: true },
  // Firefox too: MV3 (Firefox ≥ 128 runs MV3 content scripts in the page's world, so the exact
  // usage hook works there as in Chrome).
  manifestVersion: 3,
  hooks: {
    // Tokenizer vocabularies come from their npm packages at build time, never from git.
    'build:publicAssets': async (_wxt, files) => {
      files.push(...(await tokenizerAssets()));
      // The manifest's name and description in each language, from the UI catalogs.
      files.push(...localeAssets());
    },
    // The page's first script draws the popup's numbers: it gets only the strings they need, and
    // popup.html asks for little else before it (scripts/popup-first-paint.ts).
    'vite:build:extendConfig': (entrypoints, config) => {
      if (entrypoints.some((e) => e.name === 'page-start')) {
        (config.plugins ??= []).push(firstPaintCatalogs());
      }
      if (entrypoints.some((e) => e.name === 'popup')) {
        (config.plugins ??= []).push(popupFirstPath());
      }
    },
    // `npm run zip` builds in mode `store` (.output/<browser>-mv3-store): no local demo page.
    'build:manifestGenerated': (wxt, manifest) => {
      if (wxt.config.mode === 'store') stripDemoMatches(manifest);
    },
  },
  manifest: ({ browser, manifestVersion }) => ({
    // From _locales (scripts/locales-assets.ts): the browser picks the user's language.
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      'alarms',
      // "Count tokens in selection": one menu item, shown on selected text.
      'contextMenus',
      // A menu click or opening the popup grants the clicked tab for that moment only: read the
      // selection, show its count, start text-field counting on the site just turned on. No
      // standing access to any page.
      'activeTab',
      // executeScript for the above; registerContentScripts for the sites the user turned on.
      'scripting',
    ],
    // Budget alerts: asked for on the options page only when the user turns them on. Firefox
    // (MV2) lists optional hosts here too: it has no optional_host_permissions.
    optional_permissions: ['notifications', ...(manifestVersion === 2 ? ANY_SITE : [])],
    // Counting on any other site: asked for one site at a time, when the user turns it on.
    ...(manifestVersion === 3 ? { optional_host_permissions: ANY_SITE } : {}),
    host_permissions: [...SITE_MATCHES, ...RATE_CARD_HOSTS],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'token-meter@token-meter.dev',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
