/** Small shared pieces of the options page: sections, status lines, amount parsing. */
import { useState, type ReactNode } from 'react';
import { t as translate } from '@/utils/i18n';

export function Section(props: {
  id: string;
  title: string;
  children: ReactNode;
  note?: ReactNode;
}) {
  return (
    <section className="tm-opt-section" id={props.id} data-testid={`section-${props.id}`}>
      <h2>{props.title}</h2>
      {props.note ? <p className="tm-opt-note">{props.note}</p> : null}
      {props.children}
    </section>
  );
}

export type Status = { kind: 'ok' | 'error'; text: string } | null;

export function StatusLine(props: { status: Status; testid?: string }) {
  if (!props.status) return null;
  return (
    <p
      className={props.status.kind === 'ok' ? 'tm-ok' : 'tm-error'}
      role={props.status.kind === 'error' ? 'alert' : 'status'}
      data-testid={props.testid}
    >
      {props.status.text}
    </p>
  );
}

/** Run an async action, turning its outcome into a status line. */
export function useAction(): [Status, (fn: () => Promise<string>) => Promise<void>, boolean] {
  const [status, setStatus] = useState<Status>(null);
  const [busy, setBusy] = useState(false);
  const run = async (fn: () => Promise<string>) => {
    setBusy(true);
    try {
      setStatus({ kind: 'ok', text: await fn() });
    } catch (e) {
      setStatus({ kind: 'error', text: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return [status, run, busy];
}

/**
 * An amount typed by the user in the display currency → integer micro-USD (null when empty).
 * Accepts "20", "20.5", "1,234.50"; anything else is an error with the text quoted.
 */
export function parseAmount(text: string, perUsd: number): number | null {
  const t = text.trim().replace(/,/g, '');
  if (t === '') return null;
  if (!/^\d+(\.\d+)?$/.test(t)) throw new Error(translate('options.amount.invalid', { text }));
  const micro = Math.round((Number(t) / perUsd) * 1e6);
  if (micro <= 0) throw new Error(translate('options.amount.notPositive', { text }));
  return micro;
}

/** micro-USD → the amount in the display currency, for an input's initial text. */
export function amountText(micro: number | null | undefined, perUsd: number): string {
  if (micro === null || micro === undefined) return '';
  return String(Math.round((micro / 1e6) * perUsd * 100) / 100);
}
