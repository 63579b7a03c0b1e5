/**
 * Perplexity's thread data, `GET /rest/thread/<slug>`: JSON whose `entries[]` are the thread's
 * exchanges in order, each with `display_model` (the model that answered, e.g. `claude46sonnet`),
 * `user_selected_model`, `mode`, `query_str` and `blocks[]` (the answer in `ask_text` →
 * `markdown_block.answer`), as the exporter TGRRRR/perplexport reads it (2026-02; no capture of
 * ours). No token counts: the reader gives the model of the latest entry (and, for the CLI,
 * its answer text to count). The ask
 * stream (`/rest/sse/perplexity_ask`) is not read: no source documents its frames.
 */
import { isRecord } from '../sse';
import {
  createTextSink,
  type ParserOptions,
  type SiteStream,
  type StreamUsage,
  type UsageStreamParser,
} from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that names the model (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/rest\/thread\/[^/]+$/,
  format: 'perplexity',
} satisfies UsageStreamSpec;

/** A thread body beyond this is not parsed (a long thread is a few hundred KB). */
export const MAX_THREAD_BODY = 8_000_000;

const MODEL = /^[\w.:/-]{1,100}$/;

function readEntries(body: string): unknown[] {
  try {
    const parsed: unknown = JSON.parse(body);
    return isRecord(parsed) && Array.isArray(parsed.entries) ? parsed.entries : [];
  } catch {
    return [];
  }
}

function entryModel(entry: unknown): string | null {
  if (!isRecord(entry)) return null;
  for (const key of ['display_model', 'user_selected_model']) {
    const model = entry[key];
    if (typeof model === 'string' && MODEL.test(model)) return model;
  }
  return null;
}

/** The latest entry's `display_model` (its `user_selected_model` when absent); null if none. */
export function threadModel(body: string): string | null {
  const entries = readEntries(body);
  for (let i = entries.length - 1; i >= 0; i--) {
    const model = entryModel(entries[i]);
    if (model) return model;
  }
  return null;
}

/** The answer text of an entry (its blocks' `markdown_block.answer`), for the CLI to count. */
function entryAnswer(entry: unknown): string {
  if (!isRecord(entry) || !Array.isArray(entry.blocks)) return '';
  const parts: string[] = [];
  for (const block of entry.blocks as unknown[]) {
    const md = isRecord(block) && isRecord(block.markdown_block) ? block.markdown_block : null;
    if (typeof md?.answer === 'string') parts.push(md.answer);
  }
  return parts.join('\n');
}

export function createPerplexityParser(options: ParserOptions = {}): UsageStreamParser {
  let body = '';
  let tooBig = false;
  let usage: StreamUsage | null = null;
  const text = createTextSink(options.keepText);
  return {
    push(chunk) {
      if (tooBig) return;
      if (body.length + chunk.length > MAX_THREAD_BODY) {
        tooBig = true;
        body = '';
        return;
      }
      body += chunk;
    },
    finish() {
      if (!tooBig && body !== '') {
        // Only a whole, parseable body is read; a cut or foreign one reports nothing. The
        // latest entry that names a model is the reply read; its answer is kept for the CLI.
        const entries = readEntries(body);
        for (let i = entries.length - 1; i >= 0 && !usage; i--) {
          const model = entryModel(entries[i]);
          if (!model) continue;
          usage = { format: 'perplexity', model, done: true };
          text.append('answer', entryAnswer(entries[i]));
        }
      }
      body = '';
      return usage;
    },
    current: () => usage,
    text: text.text,
  };
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createPerplexityParser,
};

export default stream;
