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
  // Tier-2 chat sites (issue 7); each pattern belongs to exactly one adapter.
  'https://www.doubao.com/*',
  'https://chat.mistral.ai/*',
  'https://www.perplexity.ai/*',
  'https://perplexity.ai/*',
  'https://poe.com/*',
  // The Chatroom only: the rest of openrouter.ai is the rate-card feed's host, not a chat.
  'https://openrouter.ai/chat*',
  'https://agent.minimax.io/*',
  'https://aistudio.xiaomimimo.com/*',
  'https://www.stepfun.com/*',
  'https://stepfun.com/*',
  // API playgrounds (issue 7): only their playground paths, not the whole consoles.
  'https://platform.openai.com/playground*',
  'https://console.anthropic.com/workbench*',
  'https://platform.claude.com/workbench*',
  'https://aistudio.google.com/*',
  'https://openrouter.ai/playground*',
  // The bundled offline demo chat page served by `npm start` and the e2e tests.
  'http://127.0.0.1/*',
] as const;

export const RATE_CARD_HOSTS = ['https://models.dev/*', 'https://openrouter.ai/*'] as const;
