/**
 * "This week on another model": the week's turns re-priced in the background on a model the
 * user picks, counts scaled by tokenizer-family ratios (the text is not stored). The method is
 * stated under the figure.
 *
 * The section is low in the popup, under the fold: it asks the background only once it comes near
 * the view (re-pricing the week reads all its events: 0.1–0.4 s of the service worker at 100k
 * stored events), not at every opening.
 */
import { useEffect, useRef, useState, type RefObject } from 'react';
import type { FactorUse, TextProfile } from '@/utils/core/aggregate';
import { sendMessage, type Res } from '@/utils/messaging';
import type { Period } from '@/utils/core/aggregate';
import { currentLocale, t, type MessageKey } from '@/utils/i18n';
import { formatTokensShort, type Money } from './money-format';

const DEFAULT_TARGET = 'deepseek/deepseek-v3.2';

/** The method, in one sentence, for each text language the counts are scaled for. */
export const METHOD_KEYS: Readonly<Record<TextProfile, MessageKey>> = {
  latin: 'popup.otherModel.method.latin',
  cjk: 'popup.otherModel.method.cjk',
};

const familyName = (id: string) => id.replace(/^estimate:/, '');

/** "Factors: o200k_base → deepseek-v3 × 0.74 (212 turns)…", the three most used. */
function describeFactors(factors: FactorUse[]): string {
  const shown = factors
    .slice(0, 3)
    .map(
      (f) =>
        `${familyName(f.from)} → ${familyName(f.to)} × ${f.factor.toFixed(2)} (${t('popup.turns', { count: f.events })})`,
    );
  const more =
    factors.length > 3 ? t('popup.otherModel.factorsMore', { count: factors.length - 3 }) : '';
  return t('popup.otherModel.factors', { list: `${shown.join(', ')}${more}` });
}

/** The card's models by name (an error message if the background cannot list them). */
function useModels(onError: (message: string) => void) {
  const [models, setModels] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    sendMessage('getModels', {})
      .then((r) =>
        setModels(
          r.models
            .map((m) => ({ id: m.id, name: m.name }))
            .sort((a, b) => a.name.localeCompare(b.name)),
        ),
      )
      .catch((e: unknown) => onError(e instanceof Error ? e.message : String(e)));
    // Listed once: onError only sets state.
  }, []);
  return models;
}

/** How far below the view the section starts its request (a short scroll away). */
const NEAR_VIEW = '100px';

/**
 * Whether the element has come within NEAR_VIEW of the view (and stays so once it has). True
 * at once where IntersectionObserver is missing: the figure is then asked for at the start.
 */
function useNearView(ref: RefObject<Element | null>): boolean {
  const [near, setNear] = useState(() => typeof IntersectionObserver !== 'function');
  useEffect(() => {
    const element = ref.current;
    if (near || !element) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) setNear(true);
      },
      { rootMargin: `0px 0px ${NEAR_VIEW} 0px` },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, near]);
  return near;
}

/** The figure: the week on the chosen model against what it cost, or why there is none. */
function OtherModelCost(props: {
  result: Res<'repriceHistory'> | null;
  error: string | null;
  target: string;
  money: Money;
}) {
  const { result, error, target, money } = props;
  if (error) return <p role="alert">{error}</p>;
  if (!result) return <p className="tm-empty">{t('popup.otherModel.pricing')}</p>;
  if (result.events === 0) return <p className="tm-empty">{t('popup.otherModel.noTurns')}</p>;
  if (result.costMicroUsd === null)
    return (
      <p data-testid="other-model-cost">
        {t('popup.otherModel.unpriced', { model: result.modelName ?? target })}
      </p>
    );
  const diff =
    result.actualMicroUsd > 0
      ? (result.costMicroUsd - result.actualMicroUsd) / result.actualMicroUsd
      : null;
  return (
    <p data-testid="other-model-cost" data-micro-usd={result.costMicroUsd}>
      ≈ <strong>{money.format(result.costMicroUsd)}</strong>{' '}
      {t('popup.otherModel.cost', {
        model: result.modelName ?? target,
        actual: money.format(result.actualMicroUsd),
      })}
      {result.actualUnpriced > 0
        ? t('popup.otherModel.plusUnpriced', { count: result.actualUnpriced })
        : ''}
      {diff !== null ? ` (${diff > 0 ? '+' : '−'}${Math.abs(Math.round(diff * 100))}%)` : ''}
    </p>
  );
}

/** How the figure was made: the method, the factors used, what could not be scaled. */
function OtherModelMethod(props: { profile: TextProfile; result: Res<'repriceHistory'> | null }) {
  const { profile, result } = props;
  return (
    <p className="tm-note" data-testid="other-model-method">
      {t(METHOD_KEYS[profile])}
      {result && result.factors.length > 0 ? ` ${describeFactors(result.factors)}` : ''}
      {result && result.targetFamily === null ? t('popup.otherModel.unknownTarget') : ''}
      {result && result.unknownFamilies.length > 0
        ? t('popup.otherModel.notScaled', { families: result.unknownFamilies.join(', ') })
        : ''}
      {result && result.cache.read + result.cache.write > 0
        ? t('popup.otherModel.cache', {
            read: formatTokensShort(result.cache.read),
            write: formatTokensShort(result.cache.write),
          })
        : ''}
    </p>
  );
}

export function OtherModel(props: { week: Period; now: number; money: Money; revision: number }) {
  const { week, now, money, revision } = props;
  const [target, setTarget] = useState(DEFAULT_TARGET);
  const [profile, setProfile] = useState<TextProfile>(
    currentLocale() === 'zh-CN' || /^(zh|ja|ko)/i.test(navigator.language) ? 'cjk' : 'latin',
  );
  const [result, setResult] = useState<Res<'repriceHistory'> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const models = useModels(setError);
  const section = useRef<HTMLElement>(null);
  const near = useNearView(section);

  useEffect(() => {
    if (!near) return;
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
  }, [near, target, profile, week.start, week.end, now, revision]);

  return (
    <section
      ref={section}
      className="tm-section"
      data-testid="other-model"
      // Not asked yet (out of view), asked, or answered (the bench closes an opening only when
      // it has not asked or has been answered).
      data-state={!near ? 'waiting' : result || error ? 'answered' : 'pricing'}
    >
      <h2>{t('popup.otherModel')}</h2>
      <div className="tm-controls">
        <select
          aria-label={t('popup.otherModel.model')}
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          {models.length === 0 && <option value={target}>{target}</option>}
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </select>
        <select
          aria-label={t('popup.otherModel.textLanguage')}
          value={profile}
          onChange={(e) => setProfile(e.target.value as TextProfile)}
        >
          <option value="latin">{t('popup.otherModel.latin')}</option>
          <option value="cjk">{t('popup.otherModel.cjk')}</option>
        </select>
      </div>
      <OtherModelCost result={result} error={error} target={target} money={money} />
      <OtherModelMethod profile={profile} result={result} />
    </section>
  );
}
