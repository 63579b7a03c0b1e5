/** Which line format a JSONL file is, from its lines' shapes (and its path, when they are ambiguous). */
import { isObject } from './limits';

export type LineFormat =
  'claude-code' | 'codex' | 'openclaw' | 'kimi-cli' | 'gemini-cli' | 'qwen-cli';

const CODEX_TYPES = new Set([
  'session_meta',
  'turn_context',
  'event_msg',
  'response_item',
  'compacted',
]);
const CLAUDE_TYPES = new Set(['user', 'assistant', 'summary', 'system', 'file-history-snapshot']);
const OPENCLAW_TYPES = new Set(['session', 'model_change', 'thinking_level_change', 'custom']);
const KIMI_CODE_TYPES = new Set(['usage.record', 'llm.request', 'step.end', 'step.begin']);

/** The format one parsed line proves, or null when the line alone does not tell. */
export function classifyLine(row: unknown, file: string): LineFormat | null {
  if (!isObject(row)) return null;
  const type = typeof row.type === 'string' ? row.type : null;
  const message = isObject(row.message) ? row.message : null;
  if (type && CODEX_TYPES.has(type) && isObject(row.payload)) return 'codex';
  if ((type === 'metadata' && 'protocol_version' in row) || (type && KIMI_CODE_TYPES.has(type))) {
    return 'kimi-cli';
  }
  if (message && typeof message.type === 'string' && typeof row.timestamp === 'number')
    return 'kimi-cli';
  if (isObject(row.usageMetadata) || (message && Array.isArray(message.parts))) return 'qwen-cli';
  if (type === 'gemini' || type === 'init' || ('projectHash' in row && 'sessionId' in row)) {
    return 'gemini-cli';
  }
  if (type && OPENCLAW_TYPES.has(type) && !('sessionId' in row)) return 'openclaw';
  if (type === 'message' && message && isObject(message.usage) && 'input' in message.usage) {
    return 'openclaw';
  }
  if (type === 'message' && message && typeof message.role === 'string') return 'openclaw';
  if (type && CLAUDE_TYPES.has(type)) {
    if (/[\\/]\.qwen[\\/]/.test(file)) return 'qwen-cli';
    if ('sessionId' in row || 'leafUuid' in row || 'messageId' in row || 'requestId' in row) {
      return 'claude-code';
    }
  }
  return null;
}

/** Top-level keys that make a one-line JSON object a report document rather than a JSONL row. */
const DOCUMENT_KEYS = [
  'daily',
  'monthly',
  'weekly',
  'sessions',
  'blocks',
  'projects',
  'entries',
  'data',
  'messages',
];

export function isDocumentObject(row: unknown): boolean {
  return (
    isObject(row) &&
    DOCUMENT_KEYS.some((k) => Array.isArray(row[k]) || (k === 'projects' && isObject(row[k])))
  );
}
