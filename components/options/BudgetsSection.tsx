import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import type { Budgets } from '@/utils/core/aggregate';
import { t } from '@/utils/i18n';
import { budgetSettings } from '@/utils/storage';
import { saveBudgets } from '@/utils/storage/validated';
import type { Money } from '../popup/money';
import { siteLabel } from '../popup/site-label';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { amountText, parseAmount, Section, StatusLine, useAction } from './form';

type Texts = Record<string, { weekly: string; monthly: string }>;

function toTexts(b: Budgets, perUsd: number): Texts {
  const texts: Texts = {
    total: {
      weekly: amountText(b.weeklyMicroUsd, perUsd),
      monthly: amountText(b.monthlyMicroUsd, perUsd),
    },
  };
  for (const [site, l] of Object.entries(b.sites))
    texts[site] = {
      weekly: amountText(l.weeklyMicroUsd, perUsd),
      monthly: amountText(l.monthlyMicroUsd, perUsd),
    };
  return texts;
}

/** The budgets the texts say (amounts in the display currency; empty = no budget). */
export function budgetsFromTexts(texts: Texts, perUsd: number): Budgets {
  const next: Budgets = { weeklyMicroUsd: null, monthlyMicroUsd: null, sites: {} };
  for (const [scope, text] of Object.entries(texts)) {
    const weekly = parseAmount(text.weekly, perUsd);
    const monthly = parseAmount(text.monthly, perUsd);
    if (scope === 'total') {
      next.weeklyMicroUsd = weekly;
      next.monthlyMicroUsd = monthly;
    } else if (weekly !== null || monthly !== null) {
      next.sites[scope] = { weeklyMicroUsd: weekly, monthlyMicroUsd: monthly };
    }
  }
  return next;
}

/** One scope's weekly and monthly entries (all sites, or one site). */
function BudgetRow(props: {
  scope: string;
  label: string;
  texts: Texts;
  onTexts: (texts: Texts) => void;
  currency: string;
}) {
  const { scope, label, texts } = props;
  return (
    <tr>
      <th scope="row">{label}</th>
      {(['weekly', 'monthly'] as const).map((k) => (
        <td key={k}>
          <input
            aria-label={t(`options.budgets.inputLabel.${k}`, { scope: label })}
            data-testid={`budget-${scope}-${k}`}
            size={8}
            value={texts[scope]?.[k] ?? ''}
            placeholder={t('options.budgets.none')}
            onChange={(e) =>
              props.onTexts({
                ...texts,
                [scope]: { ...(texts[scope] ?? { weekly: '', monthly: '' }), [k]: e.target.value },
              })
            }
          />{' '}
          {props.currency}
        </td>
      ))}
    </tr>
  );
}

/**
 * Whether budget notifications are allowed: null while unknown, and a button asking for the
 * permission when they are not.
 */
function useNotifyPermission() {
  const [notify, setNotify] = useState<boolean | null>(null);
  useEffect(() => {
    browser.permissions
      ?.contains({ permissions: ['notifications'] })
      .then(setNotify)
      .catch(() => setNotify(false));
  }, []);
  const request = async () => {
    // Feature-checked: a browser without the permissions API cannot grant it.
    if (!browser.permissions?.request) throw new Error(t('options.budgets.notifyUnsupported'));
    const granted = await browser.permissions.request({ permissions: ['notifications'] });
    setNotify(granted);
    return granted ? t('options.budgets.notifyGranted') : t('options.budgets.notifyRefused');
  };
  return { notify, request };
}

export function BudgetsSection(props: { money: Money; sites: string[] }) {
  const { money, sites } = props;
  const stored = useStorageItem(budgetSettings);
  const [texts, setTexts] = useState<Texts | null>(null);
  const [status, run] = useAction();
  const { notify, request } = useNotifyPermission();

  useEffect(() => {
    if (stored && texts === null) setTexts(toTexts(stored, money.perUsd));
  }, [stored, texts, money.perUsd]);
  if (!texts) return null;

  const row = (scope: string, label: string) => (
    <BudgetRow
      key={scope}
      scope={scope}
      label={label}
      texts={texts}
      onTexts={setTexts}
      currency={money.currency}
    />
  );
  const save = () =>
    run(async () => {
      await saveBudgets(budgetsFromTexts(texts, money.perUsd));
      return t('options.budgets.saved');
    });

  return (
    <Section id="budgets" title={t('options.budgets.title')} note={t('options.budgets.note')}>
      <table className="tm-table">
        <thead>
          <tr>
            <th />
            <th>{t('options.budgets.weekly')}</th>
            <th>{t('options.budgets.monthly')}</th>
          </tr>
        </thead>
        <tbody>{row('total', t('options.budgets.allSites'))}</tbody>
      </table>
      <details open={Object.keys(texts).length > 1}>
        <summary data-testid="per-site-budgets">{t('options.budgets.perSite')}</summary>
        <table className="tm-table">
          <tbody>{sites.map((s) => row(s, siteLabel(s)))}</tbody>
        </table>
      </details>
      <p>
        <button onClick={save} data-testid="save-budgets">
          {t('options.budgets.save')}
        </button>{' '}
        {notify === false ? (
          <button onClick={() => run(request)}>{t('options.budgets.askNotify')}</button>
        ) : notify ? (
          <span className="tm-opt-note">{t('options.budgets.notifyOn')}</span>
        ) : null}
      </p>
      <StatusLine status={status} testid="budgets-status" />
    </Section>
  );
}
