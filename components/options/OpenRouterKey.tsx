/**
 * OpenRouter key (options page, data section): the user pastes a key; saving asks for the host
 * permission in that click (Chrome grants openrouter.ai with the rate card already; Firefox may
 * ask), keeps the key in extension storage and pulls credits and daily activity through the
 * background. "Remove key" forgets the key and what its pulls found; the usage already stored
 * stays in the history (delete it with the history).
 */
import { useState } from 'react';
import { browser } from 'wxt/browser';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { formatCurrency, formatDateTime, formatNumber, t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { cleanOpenRouterKey, openRouterKey } from '@/utils/storage/settings/openrouter';
import {
  openRouterStatus,
  type OpenRouterError,
  type OpenRouterStatus,
} from '@/utils/storage/state/openrouter';
import { StatusLine, useAction } from './form';

/** The host the key's requests go to (manifest: wxt.config.ts). */
const ORIGINS = ['https://openrouter.ai/*'];

export function openRouterErrorText(e: OpenRouterError): string {
  const base = t(`options.openrouter.error.${e.code}`, { status: e.status ?? '' });
  return e.detail ? `${base} (${e.detail})` : base;
}

const usd = (micro: number) => formatCurrency(micro / 1e6, 'USD');

/** What the last pull found, one line each for credits and activity. */
export function openRouterLines(s: OpenRouterStatus): { text: string; error: boolean }[] {
  const lines: { text: string; error: boolean }[] = [];
  if (s.credits) {
    lines.push({
      text: t('options.openrouter.credits', {
        remaining: usd(s.credits.totalMicroUsd - s.credits.usedMicroUsd),
        total: usd(s.credits.totalMicroUsd),
        used: usd(s.credits.usedMicroUsd),
        at: formatDateTime(s.credits.at),
      }),
      error: false,
    });
  }
  if (s.creditsError)
    lines.push({
      text: `${t('options.openrouter.creditsFailed')} ${openRouterErrorText(s.creditsError)}`,
      error: true,
    });
  if (s.activity) {
    lines.push({
      text: t('options.openrouter.activity', {
        rows: formatNumber(s.activity.rows),
        days: s.activity.days,
        added: s.activity.added,
        replaced: s.activity.replaced,
        duplicates: s.activity.duplicates,
        refused: s.activity.refused,
        at: formatDateTime(s.activity.at),
      }),
      error: false,
    });
  }
  if (s.activityError)
    lines.push({
      text: `${t('options.openrouter.activityFailed')} ${openRouterErrorText(s.activityError)}`,
      error: true,
    });
  return lines;
}

export function OpenRouterKey() {
  const key = useStorageItem(openRouterKey);
  const status = useStorageItem(openRouterStatus);
  const [draft, setDraft] = useState('');
  const [action, run, busy] = useAction();

  const pull = () =>
    run(async () => {
      const s = await sendMessage('pullOpenRouter', {});
      return s.creditsError || s.activityError
        ? t('options.openrouter.pulledWithErrors')
        : t('options.openrouter.pulled');
    });

  const save = () => {
    const clean = cleanOpenRouterKey(draft);
    if (!clean)
      return void run(async () => Promise.reject(new Error(t('options.openrouter.badKey'))));
    // Asked in the click itself (a user gesture), before anything is awaited.
    const asked = browser.permissions.request({ origins: ORIGINS });
    void run(async () => {
      if (!(await asked)) throw new Error(t('options.openrouter.permissionDenied'));
      await openRouterKey.setValue(clean);
      setDraft('');
      const s = await sendMessage('pullOpenRouter', {});
      return s.creditsError || s.activityError
        ? t('options.openrouter.pulledWithErrors')
        : t('options.openrouter.pulled');
    });
  };

  const remove = () =>
    run(async () => {
      await sendMessage('forgetOpenRouter', {});
      return t('options.openrouter.removed');
    });

  return (
    <div data-testid="openrouter-key">
      <h3>{t('options.openrouter.title')}</h3>
      <p className="tm-opt-note">{t('options.openrouter.intro')}</p>
      {key ? (
        <p>
          {t('options.openrouter.saved', { tail: key.slice(-4) })}{' '}
          <button disabled={busy} onClick={() => void pull()} data-testid="openrouter-pull">
            {t('options.openrouter.pull')}
          </button>{' '}
          <button disabled={busy} onClick={() => void remove()} data-testid="openrouter-remove">
            {t('options.openrouter.remove')}
          </button>
        </p>
      ) : (
        <p>
          <label>
            {t('options.openrouter.keyLabel')}{' '}
            <input
              type="password"
              autoComplete="off"
              spellCheck={false}
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
              data-testid="openrouter-input"
            />
          </label>{' '}
          <button disabled={busy || !draft.trim()} onClick={save} data-testid="openrouter-save">
            {t('options.openrouter.save')}
          </button>
        </p>
      )}
      {key && status
        ? openRouterLines(status).map((line, i) => (
            <p
              key={i}
              className={line.error ? 'tm-error' : 'tm-opt-note'}
              data-testid="openrouter-line"
            >
              {line.text}
            </p>
          ))
        : null}
      <StatusLine status={action} testid="openrouter-status" />
    </div>
  );
}
