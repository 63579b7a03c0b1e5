import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, readDroppedFile } from '@/components/compare/read-file';

const file = (name: string, text: string, size = text.length) => ({
  name,
  size,
  text: async () => text,
});

describe('reading a dropped file', () => {
  it('returns the text of a text file', async () => {
    expect(await readDroppedFile(file('a.md', '# Title\n你好'))).toEqual({ text: '# Title\n你好' });
  });

  it('refuses a binary file and a file over the limit, saying nothing changed', async () => {
    const binary = await readDroppedFile(file('x.png', '\u0089PNG\u0000\u0000'));
    expect(binary).toEqual({ error: 'x.png does not look like text. Nothing was changed.' });
    const big = await readDroppedFile(file('big.txt', '', MAX_FILE_BYTES + 1));
    expect('error' in big && big.error).toMatch(/limit is 4 MB.*Nothing was changed/);
  });

  it('reports a read failure', async () => {
    const broken = { name: 'b.txt', size: 3, text: () => Promise.reject(new Error('gone')) };
    expect(await readDroppedFile(broken)).toEqual({
      error: 'Could not read b.txt: Error: gone. Nothing was changed.',
    });
  });
});
