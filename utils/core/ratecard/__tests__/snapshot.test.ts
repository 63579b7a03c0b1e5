import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cardVersion, getBundledCard, rateCardSchema } from '@/utils/core/ratecard';
import { amendmentsFromSources, cardFromSources } from './helpers';

const SNAPSHOT = join(process.cwd(), 'utils/core/ratecard/snapshot.json');

describe('bundled snapshot', () => {
  it('is valid, and its version is the hash of its models', () => {
    const card = getBundledCard();
    expect(rateCardSchema.safeParse(card).success).toBe(true);
    expect(card.version).toBe(cardVersion(card.models));
  });

  it('is what `npm run ratecard:build` makes from the source copies (not edited by hand)', () => {
    const built = cardFromSources();
    const bundled = JSON.parse(readFileSync(SNAPSHOT, 'utf8'));
    expect(bundled.models).toEqual(built.models);
    const amendments = JSON.parse(
      readFileSync(join(process.cwd(), 'utils/core/ratecard/amendments.json'), 'utf8'),
    );
    expect(amendments).toEqual(amendmentsFromSources());
  });

  it('stays small (chat models only)', () => {
    expect(statSync(SNAPSHOT).size).toBeLessThan(300 * 1024);
  });

  it('has lab prices for the first-party seeds and OpenRouter-only models under their own ids', () => {
    const card = getBundledCard();
    const byId = new Map(card.models.map((m) => [m.id, m]));
    expect(byId.get('anthropic/claude-sonnet-4-5')!.offers.default!.source).toBe('models.dev');
    expect(byId.get('deepseek/deepseek-r1-0528')!.offers.default).toBeUndefined();
    expect(byId.get('deepseek/deepseek-r1-0528')!.offers.openrouter).toBeDefined();
    expect(byId.get('x-ai/grok-4')!.offers.openrouter!.source).toBe('openrouter.ai');
  });
});

describe('npm run ratecard:build', () => {
  it('rebuilds exactly the committed snapshot and prints coverage with every seed found', async () => {
    const { execFileSync } = await import('node:child_process');
    const out = execFileSync('npx', ['tsx', 'scripts/ratecard-build.ts', '--check'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out).toContain('Models kept, by provider');
    expect(out).toMatch(/│ anthropic\s+│ \d+/);
    expect(out).toContain('Seed models:');
    expect(out).toContain("'Qwen3.6 Plus'");
    expect(out).not.toMatch(/'NO'/);
  }, 60_000);
});
