/**
 * Google AI Studio's prompt run: an XHR `POST https://alkalimakersuite-pa.clients6.google.com/
 * $rpc/google.internal.alkali.applications.makersuite.v1.MakerSuiteService/GenerateContent`
 * whose `application/json+protobuf` body is an array: index 0 the model (`models/<id>`), 1 the
 * contents, 3 the generation config (as several unattributed 2026 bridges send it; no capture of
 * ours). Only the request is read, for the model id the page asked for: no source documents the
 * response, so nothing of it is read and no number comes from it (Google's own prompt count is
 * read from the page, see ./adapter.ts).
 */
import {
  createTextSink,
  type ParserOptions,
  type SiteStream,
  type UsageStreamParser,
} from '../stream-types';
import type { UsageStreamSpec } from '../types';
import { site } from './site';

/** The request that names the model (its adapter declares it; the page-world hook reads it). */
export const usageStream = {
  path: /^\/\$rpc\/google\.internal\.alkali\.applications\.makersuite\.v\d+\.MakerSuiteService\/GenerateContent$/,
  format: 'aistudio',
} satisfies UsageStreamSpec;

/** The API host the page sends prompts to (not the page's own origin). */
export const REQUEST_HOSTS = ['alkalimakersuite-pa.clients6.google.com'] as const;

/** The model id the request asked for (`models/gemini-2.5-pro` → `gemini-2.5-pro`); null if none. */
export function aistudioRequestModel(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    const first: unknown = Array.isArray(parsed) ? parsed[0] : null;
    const m = typeof first === 'string' ? /^models\/([\w.-]{1,100})$/.exec(first) : null;
    return m ? m[1] : null;
  } catch {
    return null;
  }
}

/** Reads nothing of the response (its format is not documented): the request names the model. */
export function createAistudioParser(options: ParserOptions = {}): UsageStreamParser {
  const text = createTextSink(options.keepText);
  return {
    push: () => {},
    finish: () => null,
    current: () => null,
    text: text.text,
  };
}

const stream: SiteStream = {
  ...usageStream,
  matches: site.matches,
  createParser: createAistudioParser,
  requestModel: aistudioRequestModel,
  requestHosts: REQUEST_HOSTS,
};

export default stream;
