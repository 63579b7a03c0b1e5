import { useEffect, useState } from 'react';
import { priceOverrides } from '@/utils/storage';
import { removePriceOverride, setPriceOverride } from '@/utils/storage/validated';
import { sendMessage } from '@/utils/messaging';
import { useStorageItem } from '@/components/hooks/use-storage-item';
import { Section, StatusLine, useAction } from './form';

/** A price typed in USD per 1M tokens; throws with the field's name when it is not one. */
export function parsePrice(label: string, text: string): number {
  const n = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(n) || n < 0)
    throw new Error(`${label} must be a price ≥ 0 (USD per 1M tokens)`);
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
          {id}: input ${o.prices.input}, output ${o.prices.output} per 1M{' '}
          <button
            className="tm-link"
            onClick={() =>
              run(async () => (await removePriceOverride(id), `Custom price for ${id} removed.`))
            }
          >
            remove
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
        throw new Error(`"${id}" is not a model on the rate card`);
      await setPriceOverride(id, {
        prices: { input: parsePrice('Input', input), output: parsePrice('Output', output) },
      });
      return `Custom price saved for ${id}.`;
    });
  return (
    <Section
      id="prices"
      title="Custom prices"
      note="A negotiated rate for a model, in USD per 1M tokens. It replaces the card’s price for new turns and is marked “custom price”."
    >
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
          placeholder="model id, e.g. openai/gpt-5"
          aria-label="Model"
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
          placeholder="input"
          size={6}
          aria-label="Input price per 1M"
        />{' '}
        <input
          value={output}
          onChange={(e) => setOutput(e.target.value)}
          placeholder="output"
          size={6}
          aria-label="Output price per 1M"
        />{' '}
        USD / 1M <button type="submit">Save price</button>
      </form>
      <StatusLine status={status} />
    </Section>
  );
}
