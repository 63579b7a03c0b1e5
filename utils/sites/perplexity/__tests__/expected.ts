import type { SiteExpectation } from '../../__tests__/expectations';

export const expected: SiteExpectation = {
  site: 'perplexity',
  conversation: {
    turns: [
      { role: 'user', text: 'Why is the sky blue?' },
      { role: 'assistant', includes: 'Rayleigh scattering' },
      { role: 'user', text: '用中文说' },
      { role: 'assistant', includes: '天空看起来是蓝色的' },
    ],
    excluded: ['nasa.gov', 'wikipedia', 'Share', 'Rewrite', 'Copy', 'Sonar'],
    label: 'Sonar',
    model: 'perplexity/sonar',
  },
  streaming: {
    label: 'Claude Sonnet 4.5',
    model: 'anthropic/claude-sonnet-4-5',
    draft: 'what about Curiosity?',
    roles: ['user', 'assistant'],
  },
  urls: {
    conversation: 'https://www.perplexity.ai/search/why-is-the-sky-blue-Xy9.Ab3dQ',
    id: 'why-is-the-sky-blue-Xy9.Ab3dQ',
    newChat: 'https://www.perplexity.ai/',
  },
  e2e: { url: 'https://www.perplexity.ai/search/why-is-the-sky-blue-Xy9', typeInto: '#ask-input' },
};
