// Shared by the tokenizer tests: every shipped vocabulary, loaded once per test file.
import { loadVocabFromNodeModules } from '../../../../scripts/cli/count';
import { Encoder, VOCABS, type VocabId } from '..';

export const VOCAB_IDS = Object.keys(VOCABS) as VocabId[];

const encoders = new Map<VocabId, Promise<Encoder>>();

export function encoderFor(id: VocabId): Promise<Encoder> {
  let e = encoders.get(id);
  if (!e) {
    e = loadVocabFromNodeModules(id).then((v) => new Encoder(v));
    encoders.set(id, e);
  }
  return e;
}
