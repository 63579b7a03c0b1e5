/** The shape of an imported event, checked where events cross into the history's writer. */
import { z } from 'zod';
import { IMPORT_SOURCES } from './types';

const count = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const text = z.string().max(2_000);

export const importEventSchema = z.strictObject({
  key: z.string().min(1).max(2_000),
  source: z.enum(IMPORT_SOURCES),
  agent: text,
  project: text.nullable(),
  session: text.nullable(),
  model: text.nullable(),
  time: count,
  tokens: z.strictObject({
    input: count,
    cacheRead: count,
    cacheWrite5m: count,
    cacheWrite1h: count,
    output: count,
    reasoning: count,
  }),
  requests: count.nullable(),
  cost: z.strictObject({ microUsd: count, kind: z.enum(['billed', 'estimate']) }).nullable(),
  period: z.enum(['hour', 'day', 'week', 'month', 'session', 'block', 'minute']).optional(),
});
