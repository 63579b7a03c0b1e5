// @vitest-environment happy-dom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryDB } from '@/utils/db/schema';
import { useHistoryQuery, whileImporting } from '../history-query';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
afterEach(() => {
  act(() => root?.unmount());
  root = null;
});

const settle = () => act(() => new Promise((r) => setTimeout(r, 50)));
const row = (id: string) => ({ id, size: 1, lastModified: 1, events: 1, importedAt: 1 });

/** A fresh history, and a page showing its count of file rows through `useHistoryQuery`. */
async function mountCount() {
  const db = new HistoryDB(`history-query-${Math.random().toString(36).slice(2)}`);
  const counted = { runs: 0 };
  function Count() {
    const n = useHistoryQuery(() => {
      counted.runs++;
      return db.importFiles.count();
    });
    return <p>{n === undefined ? '…' : String(n)}</p>;
  }
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  await act(async () => root!.render(<Count />));
  await settle();
  return { db, host, counted };
}

describe('useHistoryQuery', () => {
  it('runs again after writes, but not while an import of the page runs; once after it', async () => {
    const { db, host, counted } = await mountCount();
    expect(host.textContent).toBe('0');
    const first = counted.runs;

    await db.importFiles.put(row('a'));
    await settle();
    expect(host.textContent).toBe('1');
    expect(counted.runs).toBe(first + 1);

    let release!: () => void;
    const importing = whileImporting(() => new Promise<void>((r) => (release = r)));
    await settle();
    for (const id of ['b', 'c', 'd']) {
      await db.importFiles.put(row(id));
      await settle();
    }
    expect(host.textContent).toBe('1');
    expect(counted.runs).toBe(first + 1);

    release();
    await importing;
    await settle();
    expect(host.textContent).toBe('4');
    expect(counted.runs).toBe(first + 2);
    db.close();
  });

  it('ends the hold when the import fails', async () => {
    const { db, host } = await mountCount();
    await expect(
      whileImporting(async () => {
        await db.importFiles.put(row('a'));
        throw new Error('worker gone');
      }),
    ).rejects.toThrow('worker gone');
    await settle();
    expect(host.textContent).toBe('1');
    await db.importFiles.put(row('b'));
    await settle();
    expect(host.textContent).toBe('2');
    db.close();
  });
});
