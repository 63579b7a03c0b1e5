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

/** Dates and snapshot tags in keys (after normalizeKey): `-20250929`, `-2025-08-07`, `-04-02`, `-0709`. */
const DATE_SUFFIXES = [/-\d{8}$/, /-\d{4}-\d{2}-\d{2}$/, /-\d{2}-\d{2}$/, /-\d{4}$/];

/** Anthropic's older order, still in OpenRouter slugs: `claude-4-5-sonnet` → `claude-sonnet-4-5`. */
const CLAUDE_OLD_ORDER = /(^|\/)claude-(\d+(?:-\d+)?)-(sonnet|opus|haiku)(?=-|$)/;

/** Looser forms of a key, most specific first (used only when the exact key is unknown). */
export function looseForms(key: string): string[] {
  const forms: string[] = [];
  if (CLAUDE_OLD_ORDER.test(key)) {
    const swapped = key.replace(CLAUDE_OLD_ORDER, '$1claude-$3-$2');
    forms.push(swapped, ...looseForms(swapped));
  }
  for (const re of DATE_SUFFIXES) if (re.test(key)) forms.push(key.replace(re, ''));
  for (const tag of ['-latest', '-preview'])
    if (key.endsWith(tag)) forms.push(key.slice(0, -tag.length));
  return forms;
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
