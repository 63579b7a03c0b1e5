/** Routes each row streamed out of a JSON report to the parser of the report it belongs to. */
import type { ParseContext, RecordParser } from './context';
import type { JsonPath } from './json-records';
import { isObject, RowError } from './limits';
import { ccusageRecord, isCcusageRow } from './formats/ccusage';
import { isTokscaleEntry, tokscaleRecord } from './formats/tokscale';
import {
  anthropicBucket,
  isAnthropicBucket,
  isOpenAiBucket,
  openAiBucket,
} from './formats/provider-reports';
import { isOpenRouterActivityRow, openRouterActivityRecord } from './formats/openrouter';
import { geminiDocumentParser } from './formats/gemini';

/** Contexts per source, so a report's rows are counted under the source they come from. */
export type ContextFor = (source: string) => ParseContext;

export function documentParser(contextFor: ContextFor): RecordParser & { sources: Set<string> } {
  let groupBy = '';
  let reportKind: string | null = null;
  const sources = new Set<string>();
  let gemini: RecordParser | null = null;
  const tops: [string, unknown][] = [];
  const use = (source: string) => {
    sources.add(source);
    return contextFor(source);
  };
  return {
    sources,
    top(key, value) {
      tops.push([key, value]);
      if (key === 'groupBy' && typeof value === 'string') groupBy = value;
      if (key === 'type' && typeof value === 'string') reportKind = value;
      gemini?.top(key, value);
    },
    record(path: JsonPath, value) {
      const head = path[0];
      if (head === 'messages') {
        if (!gemini) {
          gemini = geminiDocumentParser(use('gemini-cli'));
          for (const [k, v] of tops) gemini.top(k, v);
        }
        gemini.record(path, value);
        return;
      }
      if (head === 'entries' && isTokscaleEntry(value)) {
        tokscaleRecord(use('tokscale'), value, groupBy);
        return;
      }
      if (isOpenAiBucket(value)) return openAiBucket(use('openai-org'), value);
      if (isAnthropicBucket(value)) return anthropicBucket(use('anthropic-org'), value);
      if (isOpenRouterActivityRow(value)) return openRouterActivityRecord(use('openrouter'), value);
      if (isCcusageRow(value)) {
        const kind =
          typeof head === 'string' && head !== 'data' && head !== 'projects' ? head : reportKind;
        return ccusageRecord(use('ccusage'), path, value, kind);
      }
      if (isObject(value) && Array.isArray(value.results) && value.results.length === 0) return;
      throw new RowError(`not a usage row of a known report (at ${path.join('.')})`);
    },
  };
}
