// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { getAdapter } from '@/utils/adapters';
import { describeSite } from './check-site';
import { parseFixture } from './fixtures';

describeSite({
  site: 'perplexity',
  turns: [
    { role: 'user', includes: 'Why is the sky blue?' },
    { role: 'assistant', includes: 'Rayleigh scattering' },
    { role: 'user', includes: '用中文说' },
    { role: 'assistant', includes: '天空看起来是蓝色的' },
  ],
  excluded: ['nasa.gov', 'wikipedia', 'Share', 'Rewrite'],
  label: 'Sonar',
  model: 'perplexity/sonar',
  streamingLabel: 'Claude Sonnet 4.5',
  streamingModel: 'anthropic/claude-sonnet-4-5',
  streamingDraft: 'what about Curiosity?',
  conversationUrl: 'https://www.perplexity.ai/search/why-is-the-sky-blue-Xy9.Ab3dQ',
  conversationId: 'why-is-the-sky-blue-Xy9.Ab3dQ',
  newChatUrl: 'https://www.perplexity.ai/',
});

describe('perplexity specifics', () => {
  it('drops inline citation chips from the answer text', () => {
    const turns = getAdapter('perplexity')!.readTurns(
      parseFixture('perplexity', 'conversation.html'),
    );
    expect(turns[1].text).toContain('(Rayleigh scattering), so blue light');
  });

  it('"Best" does not name a model: unknown, never guessed', () => {
    expect(getAdapter('perplexity')!.knownGaps.join(' ')).toMatch(/Best/);
  });
});
