// The bench's baseline process for the `count` CLI: OpenAI's tiktoken (Rust as WebAssembly, npm
// `tiktoken`) counting a text file with a shipped vocabulary file's ranks and pattern (the
// same file the CLI's vocabulary is made from), printing the count. Run as
// `node scripts/bench/tiktoken-count.mjs <vocab file> <text file>`; the bench times the process.
import { readFileSync } from 'node:fs';
import { Tiktoken } from 'tiktoken/lite';

const [vocabFile, textFile] = process.argv.slice(2);
const ranks = JSON.parse(readFileSync(vocabFile, 'utf8'));
const encoder = new Tiktoken(ranks.bpe_ranks, {}, ranks.pat_str);
const tokens = encoder.encode_ordinary(readFileSync(textFile, 'utf8')).length;
encoder.free();
process.stdout.write(JSON.stringify({ tokens }) + '\n');
