import type { TurnEvent } from '@/utils/core/types';

/**
 * A maker of distinct GPT-5 turns on chatgpt (each call a new turn index and key), `input` and
 * `output` tokens as given, anything else overridden per call.
 */
export function turnMaker(time: number, sizes: { input: number; output: number }) {
  let seq = 0;
  return (partial: Partial<TurnEvent> = {}): TurnEvent => {
    seq++;
    return {
      key: `chatgpt|c1|${seq}|hash${seq}`,
      site: 'chatgpt',
      conversationId: 'c1',
      turnIndex: seq,
      time,
      modelLabel: 'GPT-5',
      model: 'openai/gpt-5',
      input: { tokens: sizes.input, provenance: 'exact', family: 'o200k_base' },
      output: { tokens: sizes.output, provenance: 'exact', family: 'o200k_base' },
      reasoning: { tokens: 0, provenance: 'unknown', family: 'o200k_base' },
      ...partial,
    };
  };
}
