import { useEffect, useState } from 'react';
import { priceOverrides } from '@/utils/storage';
import { removePriceOverride, setPriceOverride } from '@/utils/storage/validated';
import { t } from '@/utils/i18n';
import { sendMessage } from '@/utils/messaging';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';

/** A price typed in USD per 1M tokens; throws with the field's name when it is not one. */
export function parsePrice(label: string, text: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new Error(t('options.prices.invalid', { field: label }));
  return n;
}

type Run = ReturnType<typeof useAction>[1];

/** The custom prices set, each with "remove". */
function CustomPriceList({ run }: { run: Run }) {
  const overrides = useStorageItem(priceOverrides);
  if (!overrides || Object.keys(overrides).length === 0) return null;
  return (
    <ul className="tm-checks">
      {Object.entries(overrides).map(([id, o]) => (
        <li key={id}>
          {t('options.prices.row', {
            model: id,
            input: String(o.prices.input),
            output: String(o.prices.output),
          })}{' '}
          <button
            className="tm-link"
            onClick={() =>
              run(
                async () => (
                  await removePriceOverride(id),
                  t('options.prices.removed', { model: id })
                ),
              )
            }
          >
            {t('common.remove')}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function CustomPricesSection() {
  const [models, setModels] = useState<{ id: string; name: string }[]>([]);
  const [model, setModel] = useState('');
  const [input, setInput] = useState('');
  const [output, setOutput] = useState('');
  const [status, run] = useAction();
  useEffect(() => {
    sendMessage('getModels', {})
      .then((r) => setModels(r.models.map((m) => ({ id: m.id, name: m.name }))))
      .catch(() => setModels([]));
  }, []);
  const save = () =>
    run(async () => {
      const id = model.trim();
      if (!models.some((m) => m.id === id))
        throw new Error(t('options.prices.notOnCard', { model: id }));
      await setPriceOverride(id, {
        prices: {
          input: parsePrice(t('options.prices.input'), input),
          output: parsePrice(t('options.prices.output'), output),
        },
      });
      return t('options.prices.saved', { model: id });
    });
  return (
    <Section id="prices" title={t('options.prices.title')} note={t('options.prices.note')}>
      <CustomPriceList run={run} />
      <form
        className="tm-inline"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <input
          list="tm-models"
          value={model}
          onChange={(e) => setModel(e.target.value)}
          placeholder={t('options.prices.modelPlaceholder')}
          aria-label={t('options.prices.model')}
          size={28}
        />
        <datalist id="tm-models">
          {models.map((m) => (
            <option key={m.id} value={m.id}>
              {m.name}
            </option>
          ))}
        </datalist>{' '}
        <input
          value={input}
          onChange={(e) => setInput(e.target.value)}
          placeholder={t('options.prices.inputPlaceholder')}
          size={6}
          aria-label={t('options.prices.inputLabel')}
        />{' '}
        <input
          value={output}
          onChange={(e) => setOutput(e.target.value)}
          placeholder={t('options.prices.outputPlaceholder')}
          size={6}
          aria-label={t('options.prices.outputLabel')}
        />{' '}
        {t('options.prices.unit')} <button type="submit">{t('options.prices.save')}</button>
      </form>
      <StatusLine status={status} />
    </Section>
  );
}
