import { describe, expect, it } from 'vitest';
import { DEMO_MATCHES, stripDemoMatches } from '@/scripts/store-manifest';

describe('store manifest', () => {
  it('drops the demo page from hosts and content scripts, and keeps everything else', () => {
    expect(DEMO_MATCHES).toEqual(['http://127.0.0.1/*']);
    const manifest = {
      host_permissions: ['https://chatgpt.com/*', 'http://127.0.0.1/*', 'https://models.dev/*'],
      content_scripts: [
        { matches: ['http://127.0.0.1/*', 'https://chatgpt.com/*'], js: ['content.js'] },
        { matches: ['http://127.0.0.1/*'], js: ['demo-only.js'] },
        { matches: ['https://chat.z.ai/*'], js: ['hook.js'], world: 'MAIN' },
      ],
    };
    stripDemoMatches(manifest);
    expect(manifest.host_permissions).toEqual(['https://chatgpt.com/*', 'https://models.dev/*']);
    expect(manifest.content_scripts).toEqual([
      { matches: ['https://chatgpt.com/*'], js: ['content.js'] },
      { matches: ['https://chat.z.ai/*'], js: ['hook.js'], world: 'MAIN' },
    ]);
    expect(JSON.stringify(manifest)).not.toContain('127.0.0.1');
  });
});
