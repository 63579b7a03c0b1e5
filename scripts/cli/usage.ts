// `npm run -s cli -- usage --url <request URL> [--request <body file>] <file|->`: what a chat
// site's own stream says about one reply, read from a saved response body (what DevTools' "Save
// response" or "Copy response" gives) with the same readers the extension's page hook runs;
// `--request` the request's body, for the model where the stream names none (MiMo, Qwen, z.ai;
// ChatGPT, Claude, DeepSeek when cut before it does). One JSON object:
// {"site", "complete", "model", "canonical", "input", "output", "reasoning", "source", "limits"}
// (+ "notice" when the site gave one, "opening" for DeepSeek's running count at the start).
// The site's numbers are the authority: where it reports an output that holds the reasoning,
// our counts of the streamed texts only split it. Where it gives none, output and reasoning are
// counted from the streamed text with the model's tokenizer ("tokenizer"), or estimated.
import { readFile } from 'node:fs/promises';
import { TokenCounter } from '../../utils/core/tokenize/index';
import { getBundledCard, resolveModelId } from '../../utils/core/ratecard/index';
import type { TokenCount } from '../../utils/core/types';
import { findAdapter, resolveSiteModel } from '../../utils/sites/index';
import { findStreamForRequest } from '../../utils/sites/streams';
import {
  splitSiteOutput,
  type QuotaWindow,
  type StreamText,
  type StreamUsage,
} from '../../utils/sites/stream-types';
import { loadVocabFromNodeModules } from './count';

export interface UsageResult {
  site: string | null;
  complete: boolean;
  model: string | null;
  canonical: string | null;
  input: number | null;
  output: number | null;
  reasoning: number | null;
  source: 'site' | 'tokenizer' | 'estimate' | null;
  limits: QuotaWindow[];
  notice?: string;
  opening?: number;
}

async function readInput(path: string): Promise<string> {
  if (path !== '-') return readFile(path, 'utf8');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

type Count = (text: string) => Promise<TokenCount>;

/** The numbers: the site's where it gave them, else counted from the streamed text. */
async function numbers(usage: StreamUsage | null, text: StreamText, count: Count) {
  const answer = await count(text.answer);
  const thinking = text.thinking ? await count(text.thinking) : null;
  const counted = answer.provenance === 'estimate' ? 'estimate' : 'tokenizer';
  let input = usage?.input ?? null;
  let output = answer.tokens;
  let reasoning = thinking?.tokens ?? null;
  let source: UsageResult['source'] = counted;
  if (usage?.output !== undefined) {
    source = 'site';
    if (usage.outputIncludesReasoning && usage.reasoning !== undefined) {
      output = Math.max(0, usage.output - usage.reasoning);
      reasoning = usage.reasoning;
    } else if (usage.outputIncludesReasoning) {
      const split = splitSiteOutput(usage.output, answer.tokens, thinking?.tokens ?? 0);
      output = split.answer;
      reasoning = thinking && thinking.tokens > 0 ? split.reasoning : null;
    } else {
      output = usage.output;
      reasoning = usage.reasoning ?? reasoning;
    }
  } else if (usage?.total !== undefined && input === null) {
    const produced = output + (reasoning ?? 0);
    if (usage.total >= produced) {
      input = usage.total - produced;
      source = 'site';
    }
  } else if (input !== null) {
    source = 'site';
  }
  return { input, output, reasoning, source };
}

/** Read one saved body of a request to `url` (a counter may be shared across calls). */
export async function readUsage(
  url: string,
  body: string,
  counter = new TokenCounter(loadVocabFromNodeModules),
  /** The request's body, for sites whose stream names no model (MiMo's `modelConfig.model`). */
  request?: string,
): Promise<UsageResult> {
  const stream = findStreamForRequest(url);
  const site = findAdapter(url)?.id ?? stream?.format ?? null;
  const empty: UsageResult = {
    site,
    complete: false,
    model: null,
    canonical: null,
    input: null,
    output: null,
    reasoning: null,
    source: null,
    limits: [],
  };
  if (!stream || !site) return empty;
  const parser = stream.createParser({ keepText: true });
  parser.push(body);
  const usage = parser.finish();
  const text = parser.text();
  // The stream's model first; the request's where the stream names none.
  const asked = request !== undefined && stream.requestModel ? stream.requestModel(request) : null;
  const model = usage?.model ?? asked ?? null;
  const candidate = model ? (resolveSiteModel(site, model)?.model ?? null) : null;
  const canonical = candidate ? resolveModelId(getBundledCard(), candidate) : null;
  const count: Count = (t) => counter.count(t, canonical ?? candidate);
  const hasText = text.answer !== '' || text.thinking !== '';
  if (!usage && !hasText) return model ? { ...empty, model, canonical } : empty;
  const n = await numbers(usage, text, count);
  return {
    site,
    complete: usage?.done ?? false,
    model,
    canonical,
    ...n,
    limits: usage?.limits ?? [],
    ...(usage?.notice ? { notice: usage.notice } : {}),
    ...(usage?.opening !== undefined ? { opening: usage.opening } : {}),
  };
}

export async function run(args: string[]): Promise<number> {
  let url: string | undefined;
  let input: string | undefined;
  let requestFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--url') url = args[++i];
    else if (args[i].startsWith('--url=')) url = args[i].slice('--url='.length);
    else if (args[i] === '--request') requestFile = args[++i];
    else if (args[i].startsWith('--request=')) requestFile = args[i].slice('--request='.length);
    else input = args[i];
  }
  const fail = (error: string) => {
    process.stderr.write(JSON.stringify({ error }) + '\n');
    return 2;
  };
  if (!url || !input)
    return fail('usage: usage --url <request URL> [--request <request body file>] <file|->');
  try {
    new URL(url);
  } catch {
    return fail(`not a URL: ${url}`);
  }
  let body: string;
  try {
    body = await readInput(input);
  } catch (e) {
    return fail(`cannot read ${input}: ${(e as Error).message}`);
  }
  let request: string | undefined;
  if (requestFile !== undefined) {
    try {
      request = await readFile(requestFile, 'utf8');
    } catch (e) {
      return fail(`cannot read ${requestFile}: ${(e as Error).message}`);
    }
  }
  process.stdout.write(JSON.stringify(await readUsage(url, body, undefined, request)) + '\n');
  return 0;
}
