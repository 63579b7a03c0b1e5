/**
 * Id normalization shared by the card builder (matching OpenRouter entries to lab models) and the
 * resolver. A key is lowercase, without a `:variant` suffix, with dots, spaces and underscores
 * turned into dashes, so `anthropic/claude-sonnet-4.5`, `Claude Sonnet 4.5` and
 * `claude-sonnet-4-5` meet.
 */
import { OPENROUTER_VENDOR_TO_PROVIDER } from './providers';

/** OpenRouter variant suffixes (`:free`, `:thinking`, `:extended`, `:nitro`, …). */
const VARIANT = /:[a-z0-9-]+$/i;

export function normalizeKey(raw: string): string {
  return raw
    .trim()
    .toLowerCase()
    .replace(VARIANT, '')
    .replace(/\s*\((?:latest|preview)\)\s*$/, '')
    .replace(/[\s_.]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

export function variantOf(raw: string): string | null {
  const match = VARIANT.exec(raw.trim());
  return match ? match[0].slice(1).toLowerCase() : null;
}

/** `x-ai/grok-4` → `xai/grok-4` (OpenRouter vendor prefix → models.dev provider id). */
export function mapVendor(key: string): string | null {
  const slash = key.indexOf('/');
  if (slash < 0) return null;
  const provider = OPENROUTER_VENDOR_TO_PROVIDER[key.slice(0, slash)];
  return provider ? `${provider}${key.slice(slash)}` : null;
}

export function barePart(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : key.slice(slash + 1);
}

/**
 * Full-date snapshot suffixes in keys (after normalizeKey), by form: `-20250929`, `-2025-08-07`.
 * Shorter tags (`-0709`, `-04-02`, Mistral's `-2411`) are not dates the resolver may drop.
 */
export const DATE_FORMS: [string, RegExp][] = [
  ['yyyymmdd', /-20\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])$/],
  ['yyyy-mm-dd', /-20\d{2}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])$/],
];

/** Anthropic's older order, still in OpenRouter slugs: `claude-4-5-sonnet` → `claude-sonnet-4-5`. */
const CLAUDE_OLD_ORDER = /(^|\/)claude-(\d+(?:-\d+)?)-(sonnet|opus|haiku)(?=-|$)/;

/** The key in Anthropic's current word order, or null when it is not in the older one. */
export function oldClaudeOrder(key: string): string | null {
  return CLAUDE_OLD_ORDER.test(key) ? key.replace(CLAUDE_OLD_ORDER, '$1claude-$3-$2') : null;
}

/** A short content hash (cyrb53 over UTF-16 code units), hex: cheap, stable, non-cryptographic. */
export function hashString(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 >>> 0).toString(16).padStart(8, '0') + (h1 >>> 0).toString(16).padStart(8, '0');
}
