/**
 * Validated writes of the history settings (options page): a bad value gets a clear message and
 * nothing is stored. Apart from history-settings.ts so the popup, which only reads, loads no zod.
 */
import { z } from 'zod';
import type { Budgets } from '@/utils/core/aggregate';
import {
  budgetSettings,
  retentionSettings,
  subscriptionSettings,
  type Subscription,
} from '@/utils/history-settings';

const limit = z.number().int().positive().max(1e15).nullable();
const limitsSchema = z.strictObject({ weeklyMicroUsd: limit, monthlyMicroUsd: limit });
export const budgetsSchema = z.strictObject({
  weeklyMicroUsd: limit,
  monthlyMicroUsd: limit,
  sites: z.record(z.string().regex(/^[a-z0-9-]+$/), limitsSchema),
});

export const subscriptionsSchema = z.record(
  z.string().regex(/^[a-z0-9-]+$/),
  z.strictObject({
    name: z.string().trim().min(1).max(80),
    monthlyMicroUsd: z.number().int().positive().max(1e12),
  }),
);

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return `${issue.path.join('.') || 'value'}: ${issue.message}`;
}

export async function saveBudgets(value: Budgets): Promise<void> {
  const parsed = budgetsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Budgets not saved: ${firstIssue(parsed.error)}`);
  await budgetSettings.setValue(parsed.data);
}

export async function saveSubscriptions(value: Record<string, Subscription>): Promise<void> {
  const parsed = subscriptionsSchema.safeParse(value);
  if (!parsed.success) throw new Error(`Subscriptions not saved: ${firstIssue(parsed.error)}`);
  await subscriptionSettings.setValue(parsed.data);
}

export async function saveRetention(months: number): Promise<void> {
  if (!Number.isInteger(months) || months < 0 || months > 600) {
    throw new Error('Retention must be a whole number of months (0 keeps everything)');
  }
  await retentionSettings.setValue({ months });
}
