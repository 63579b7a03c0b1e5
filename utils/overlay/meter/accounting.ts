/**
 * How a chat turn maps to API-equivalent usage, and its idempotency key. Pure functions.
 *
 * A chat UI resends the whole visible conversation with every prompt (ChatGPT keeps history
 * server-side, but the model still reads it), so the API-equivalent input of the reply at turn
 * index i is every visible turn before it, including the prompt just sent. Shown reasoning of
 * earlier replies is not resent (the vendors drop it from history), so it counts only as the
 * reasoning of its own reply.
 */
import type { Turn } from '@/utils/sites/types';

/** One reply and what it was a reply to. */
export interface Exchange {
  /** Index of the assistant turn in the page's turn list. */
  turnIndex: number;
  /** Turn indices whose text is this reply's input (all earlier turns). */
  inputIndices: number[];
}

export function listExchanges(turns: readonly Pick<Turn, 'role'>[]): Exchange[] {
  const out: Exchange[] = [];
  for (let i = 0; i < turns.length; i++) {
    if (turns[i].role !== 'assistant') continue;
    // A reply with nothing before it (a greeting) has no input; it is still an exchange.
    out.push({ turnIndex: i, inputIndices: Array.from({ length: i }, (_, k) => k) });
  }
  return out;
}

/**
 * A short, stable content hash (two FNV-1a 32-bit lanes → 16 hex digits). Not cryptographic: it
 * only has to tell a regenerated reply from a re-rendered one.
 */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

/** The content hash of an exchange: the prompt (previous turn) and the reply with its reasoning. */
export function exchangeHash(turns: readonly Turn[], turnIndex: number): string {
  const reply = turns[turnIndex];
  const prompt = turnIndex > 0 ? turns[turnIndex - 1].text : '';
  return hashText(`${prompt}\u0000${reply.text}\u0000${reply.thinking}`);
}

/** site + conversation id + turn index + content hash: the history's idempotency key. */
export function turnKey(
  site: string,
  conversationId: string,
  turnIndex: number,
  hash: string,
): string {
  return `${site}:${conversationId}:${turnIndex}:${hash}`;
}

/**
 * A conversation id for a chat that has none yet (a new chat before the site assigns one): the
 * hash of its first turn, so a reload of the same page gives the same id.
 */
export function provisionalConversationId(turns: readonly Turn[]): string {
  return `new-${hashText(turns[0]?.text ?? '')}`;
}
