// The vocabulary committed under vendor/ (no npm package ships it) is the file its SOURCE.md
// pins: same bytes (sha256), same number of ranks, and the build turns it into the shipped ranks.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compactTiktokenModel, VOCABS } from '..';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');

describe.each(Object.entries(VOCABS).filter(([, v]) => v.repo !== undefined))(
  'vendored %s',
  (_id, source) => {
    const dir = join(ROOT, source.repo!, '..');
    const pins = readFileSync(join(dir, 'SOURCE.md'), 'utf8');

    it('has the bytes its SOURCE.md pins', () => {
      const pinned = [...pins.matchAll(/^\| `([^`]+)` \| [\d,]+ \| `([0-9a-f]{64})` \|$/gm)];
      expect(pinned.map(([, file]) => file)).toContain(source.repo!.split('/').pop());
      for (const [, file, sha] of pinned) {
        const digest = createHash('sha256')
          .update(readFileSync(join(dir, file)))
          .digest('hex');
        expect(digest, file).toBe(sha);
      }
    });

    it('has contiguous ranks, all 256 single bytes among them', () => {
      const ranks = compactTiktokenModel(readFileSync(join(ROOT, source.repo!), 'utf8'), '.');
      const tokens = ranks.bpe_ranks.split('\n').flatMap((line) => line.split(' ').slice(2));
      expect(tokens.length).toBe(163_584);
      const singles = new Set(
        tokens
          .map((t) => Buffer.from(t, 'base64'))
          .filter((b) => b.length === 1)
          .map((b) => b[0]),
      );
      expect(singles.size).toBe(256);
      expect(readFileSync(join(dir, 'LICENSE'), 'utf8')).toMatch(/^Modified MIT License/);
    });
  },
);
