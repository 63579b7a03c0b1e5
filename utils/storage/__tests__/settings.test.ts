import { describe, expect, it } from 'vitest';
import {
  comparePins,
  overlaySettings,
  togglePin,
  updateSiteOverlaySettings,
} from '@/utils/storage';

describe('pins', () => {
  it('toggle and persist in storage.local', async () => {
    expect(await togglePin('zai/glm-5.1')).toEqual(['zai/glm-5.1']);
    expect(await togglePin('openai/gpt-5.5')).toEqual(['zai/glm-5.1', 'openai/gpt-5.5']);
    expect(await togglePin('zai/glm-5.1')).toEqual(['openai/gpt-5.5']);
    expect(await comparePins.getValue()).toEqual(['openai/gpt-5.5']);
  });
});

describe('per-site overlay settings', () => {
  it('merge a change into one site, drop cleared fields, leave other sites alone', async () => {
    await overlaySettings.setValue({ claude: { collapsed: true } });
    await updateSiteOverlaySettings('chatgpt', { modelOverride: 'openai/gpt-5', collapsed: true });
    expect(await updateSiteOverlaySettings('chatgpt', { modelOverride: undefined })).toEqual({
      collapsed: true,
    });
    expect(await overlaySettings.getValue()).toEqual({
      claude: { collapsed: true },
      chatgpt: { collapsed: true },
    });
  });
});
