// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { findAdapter } from '../..';
import { describeSite } from '../../__tests__/harness';
import { expected } from './expected';

describeSite(expected);

describe('openrouter playground specifics', () => {
  it('chat and playground are told apart by path; the rest of openrouter.ai is neither', () => {
    expect(findAdapter('https://openrouter.ai/playground?session=1')?.id).toBe(
      'openrouter-playground',
    );
    expect(findAdapter('https://openrouter.ai/chat?room=1')?.id).toBe('openrouter');
    expect(findAdapter('https://openrouter.ai/models')).toBeNull();
  });
});
