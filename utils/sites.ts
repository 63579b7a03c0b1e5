/**
 * Match patterns of every site the content script runs on, and the hosts the rate-card sync
 * may fetch. Kept in one place so the manifest, the content script and the permission test
 * (which asserts the exact lists) cannot drift apart.
 */
export const SITE_MATCHES = [
  'https://chatgpt.com/*',
  'https://claude.ai/*',
  'https://gemini.google.com/*',
  'https://chat.deepseek.com/*',
  'https://chat.qwen.ai/*',
  'https://www.kimi.com/*',
  'https://kimi.com/*',
  'https://kimi.moonshot.cn/*',
  'https://chat.z.ai/*',
  'https://grok.com/*',
  // The bundled offline demo chat page served by `npm start` and the e2e tests.
  'http://127.0.0.1/*',
] as const;

export const RATE_CARD_HOSTS = ['https://models.dev/*', 'https://openrouter.ai/*'] as const;
