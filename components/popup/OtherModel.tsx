/**
 * "This week on another model": the week's turns re-priced in the background on a model the
 * user picks, counts scaled by tokenizer-family ratios (the text is not stored). The method is
 * stated under the figure.
 */
import { useEffect, useState } from 'react';
import { describeMethod, type FactorUse, type TextProfile } from '@/utils/core/aggregate';
import { sendMessage, type Res } from '@/utils/messaging';
import type { Period } from '@/utils/core/aggregate';
import type { Money } from './money';

const DEFAULT_TARGET = 'deepseek/deepseek-v3.2';

const familyName = (id: string) => id.replace(/^estimate:/, '');

/** "Factors: o200k_base → deepseek-v3 × 0.74 (212 turns)…", the three most used. */
function describeFactors(factors: FactorUse[]): string {
  const shown = factors
    .slice(0, 3)
    .map(
      (f) =>
        `${familyName(f.from)} → ${familyName(f.to)} × ${f.factor.toFixed(2)} (${f.events} turn${f.events === 1 ? '' : 's'})`,
    );
  const more = factors.length > 3 ? `, and ${factors.length - 3} more` : '';
  return `Factors: ${shown.join(', ')}${more}.`;
}

export function OtherModel(props: { week: Period; now: number; money: Money; revision: number }) {
  const { week, now, money, revision } = props;
  const [models, setModels] = useState<{ id: string; name: string }[]>([]);
  const [target, setTarget] = useState(DEFAULT_TARGET);
  const [profile, setProfile] = useState<TextProfile>(
    /^(zh|ja|ko)/i.test(navigator.language) ? 'cjk' : 'latin',
  );
  const [result, setResult] = useState<Res<'repriceHistory'> | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    sendMessage('getModels', {})
      .then((r) =>
        setModels(
          r.models
            .map((m) => ({ id: m.id, name: m.name }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      )
      .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);

  useEffect(() => {
    let live = true;
    sendMessage('repriceHistory', {
      model: target,
      profile,
      start: week.start,
      end: Math.min(week.end, now + 1),
    })
      .then((r) => live && (setResult(r), setError(null)))
      .catch((e: unknown) => live && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      live = false;
    };
  }, [target, profile, week.start, week.end, now, revision]);

  const diff =
    result && result.costMicroUsd !== null && result.actualMicroUsd > 0
      ? (result.costMicroUsd - result.actualMicroUsd) / result.actualMicroUsd
      : null;
  return (
    <section className="tm-section" data-testid="other-model">
      <h2>This week on another model</h2>
      <div className="tm-controls">
        <select aria-label="Model" value={target} onChange={(e) => setTarget(e.target.value)}>
          {models.length === 0 && <option value={target}>{target}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <select
          aria-label="Text language"
          value={profile}
          onChange={(e) => setProfile(e.target.value as TextProfile)}
        >
          <option value="latin">English / Latin text</option>
          <option value="cjk">Chinese text</option>
        </select>
      </div>
      {error ? (
        <p role="alert">{error}</p>
      ) : !result ? (
        <p className="tm-empty">Pricing…</p>
      ) : result.events === 0 ? (
        <p className="tm-empty">No turns this week yet.</p>
      ) : result.costMicroUsd === null ? (
        <p data-testid="other-model-cost">
          {result.modelName ?? target}: unpriced (the rate card has no price for it).
        </p>
      ) : (
        <p data-testid="other-model-cost" data-micro-usd={result.costMicroUsd}>
          ≈ <strong>{money.format(result.costMicroUsd)}</strong> on {result.modelName ?? target}{' '}
          instead of {money.format(result.actualMicroUsd)}
          {result.actualUnpriced > 0 ? ` (+${result.actualUnpriced} unpriced turns)` : ''}
          {diff !== null ? ` (${diff > 0 ? '+' : '−'}${Math.abs(Math.round(diff * 100))}%)` : ''}
        </p>
      )}
      <p className="tm-note" data-testid="other-model-method">
        {describeMethod(profile)}
        {result && result.factors.length > 0 ? ` ${describeFactors(result.factors)}` : ''}
        {result && result.targetFamily === null
          ? ' The chosen model’s tokenizer is not known: counted as o200k (default estimate).'
          : ''}
        {result && result.unknownFamilies.length > 0
          ? ` Counts from ${result.unknownFamilies.join(', ')} were not scaled (no ratio known).`
          : ''}
      </p>
    </section>
  );
}
