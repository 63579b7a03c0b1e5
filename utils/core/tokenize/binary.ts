/**
 * A shipped vocabulary file as the tables the engine counts with, saved as typed arrays: the
 * CLI's form (kept beside the shipped file in the vocabulary cache, made from it). Loading the
 * JSON builds those tables on every start, 0.1–0.4 s plus as much garbage collection for 200k
 * token strings; this form is read as is, views on one buffer. The counting code is the same:
 * `tiktokenVocabulary`, `bpeVocabulary` and `spVocabulary` over the tables either way.
 *
 * Layout: "TMVB0001", a u32 header length, the header (JSON: what the tables are, and the
 * small parts such as patterns), then each section at an 8-byte boundary. Numbers are in the
 * machine's byte order: the file is a local cache, never shipped.
 */
import { PairTable } from './bpe';
import { ByteTable } from './byte-table';
import { VOCABS, type VocabId } from './families';
import { compactSpTables, spVocabulary, type CompactSpBpe } from './sentencepiece';
import {
  bpeVocabulary,
  byteIdsOf,
  compactBpeTables,
  tiktokenTokens,
  tiktokenVocabulary,
  type CompactBpe,
  type TiktokenRanks,
  type Vocabulary,
} from './vocab';

const MAGIC = 'TMVB0001';
const TYPES = { i32: Int32Array, u32: Uint32Array, u8: Uint8Array, f64: Float64Array };
type SectionType = keyof typeof TYPES;
type Section = Int32Array | Uint32Array | Uint8Array | Float64Array;

interface Header {
  kind: 'tiktoken' | 'bpe' | 'spbpe';
  sections: { name: string; type: SectionType; length: number }[];
  [key: string]: unknown;
}

function typeOf(section: Section): SectionType {
  if (section instanceof Int32Array) return 'i32';
  if (section instanceof Uint32Array) return 'u32';
  if (section instanceof Float64Array) return 'f64';
  return 'u8';
}

const align = (n: number) => Math.ceil(n / 8) * 8;

function pack(fields: Record<string, unknown>, sections: Record<string, Section>): Uint8Array {
  const header: Header = {
    ...(fields as { kind: Header['kind'] }),
    sections: Object.entries(sections).map(([name, s]) => ({
      name,
      type: typeOf(s),
      length: s.length,
    })),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = align(12 + json.length);
  for (const s of Object.values(sections)) size = align(size + s.byteLength);
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC));
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  let at = align(12 + json.length);
  for (const s of Object.values(sections)) {
    out.set(new Uint8Array(s.buffer, s.byteOffset, s.byteLength), at);
    at = align(at + s.byteLength);
  }
  return out;
}

function unpack(file: Uint8Array): { header: Header; sections: Record<string, Section> } {
  // Views need their element size's alignment: a buffer that starts off a boundary is copied.
  const bytes = file.byteOffset % 8 === 0 ? file : file.slice();
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC) {
    throw new Error('Not a binary vocabulary file');
  }
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length))) as Header;
  const sections: Record<string, Section> = {};
  let at = align(12 + length);
  for (const { name, type, length: n } of header.sections) {
    const Type = TYPES[type];
    if (at + n * Type.BYTES_PER_ELEMENT > bytes.length)
      throw new Error('Truncated vocabulary file');
    sections[name] = new Type(bytes.buffer as ArrayBuffer, bytes.byteOffset + at, n);
    at = align(at + n * Type.BYTES_PER_ELEMENT);
  }
  return { header, sections };
}

function pairSections(prefix: string, table: PairTable): Record<string, Section> {
  const { lefts, rights, values } = table.arrays();
  return { [`${prefix}Lefts`]: lefts, [`${prefix}Rights`]: rights, [`${prefix}Values`]: values };
}

function pairTable(prefix: string, size: number, s: Record<string, Section>): PairTable {
  return new PairTable(0, {
    lefts: s[`${prefix}Lefts`] as Int32Array,
    rights: s[`${prefix}Rights`] as Int32Array,
    values: s[`${prefix}Values`] as Float64Array,
    size,
  });
}

function byteTable(s: Record<string, Section>): ByteTable {
  return new ByteTable({
    bytes: s.bytes as Uint8Array,
    offsets: s.offsets as Uint32Array,
    slots: s.slots as Int32Array,
  });
}

/** The binary form of a shipped vocabulary file's JSON (as `parseVocabulary` takes it). */
export function toBinaryVocabulary(id: VocabId, json: unknown): Uint8Array {
  const { format } = VOCABS[id];
  if (format === 'tiktoken' || format === 'tekken' || format === 'tiktoken-model') {
    const ranks = json as TiktokenRanks;
    const table = ByteTable.build(tiktokenTokens(ranks), 'last');
    const byteIds = byteIdsOf((bytes) => table.id(bytes));
    return pack({ kind: 'tiktoken', patStr: ranks.pat_str }, { byteIds, ...table.arrays });
  }
  if (format === 'hf') {
    const t = compactBpeTables(json as CompactBpe);
    return pack(
      { kind: 'bpe', normalize: t.normalize, splits: t.splits, pairSize: t.pairs.size },
      { byteIds: t.byteIds, ...pairSections('pair', t.pairs), ...(t.whole?.arrays ?? {}) },
    );
  }
  const t = compactSpTables(json as CompactSpBpe);
  return pack(
    {
      kind: 'spbpe',
      astral: t.astral,
      astralLeft: t.astralLeft,
      replace: t.replace,
      added: t.added,
      pairSize: t.pairs.size,
      joinSize: t.joinable.size,
    },
    {
      bmp: t.bmp,
      hasRight: t.hasRight,
      ...pairSections('pair', t.pairs),
      ...pairSections('join', t.joinable),
    },
  );
}

/** A vocabulary from its binary form; counts exactly as `parseVocabulary` on the JSON. */
export function parseBinaryVocabulary(id: VocabId, file: Uint8Array): Vocabulary {
  const { header: h, sections: s } = unpack(file);
  if (h.kind === 'tiktoken') {
    const table = byteTable(s);
    return tiktokenVocabulary(
      {
        byteIds: s.byteIds as Int32Array,
        pairId: (l, r) => table.pairId(l, r),
        id: (b) => table.id(b),
      },
      h.patStr as string,
      VOCABS[id].limits,
    );
  }
  if (h.kind === 'bpe') {
    return bpeVocabulary({
      byteIds: s.byteIds as Int32Array,
      pairs: pairTable('pair', h.pairSize as number, s),
      whole: s.slots ? byteTable(s) : null,
      normalize: h.normalize as 'NFC' | null,
      splits: h.splits as string[],
    });
  }
  return spVocabulary({
    bmp: s.bmp as Int32Array,
    astral: h.astral as [number, number][],
    pairs: pairTable('pair', h.pairSize as number, s),
    joinable: pairTable('join', h.joinSize as number, s),
    hasRight: s.hasRight as Uint8Array,
    astralLeft: h.astralLeft as boolean,
    replace: h.replace as [string, string] | null,
    added: h.added as string[],
  });
}
