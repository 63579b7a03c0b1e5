/**
 * Rows a parser holds back before emitting, so that of several copies of one key the right one
 * is kept (Claude Code's streamed reply lines, a Kimi step re-reported, a Gemini message
 * rewritten). It also makes a parser resumable: `handOut()` emits everything held and keeps
 * only each key's token total, which is small enough to save with a checkpoint. A key handed
 * out and then seen again with a copy that wins is handed out once more as an update (the
 * history keeps the copy with more tokens, so the event is not counted twice).
 */
import type { ParseContext } from './context';
import { totalImportTokens, type ImportEvent } from './types';

interface Held {
  total: number;
  /** The copy not yet handed out; null once handed out. */
  event: ImportEvent | null;
  /** Handed out before (a later copy is an update, not a new event). */
  out: boolean;
}

/** What is saved for each key: its key and the token total of the copy handed out. */
export type HeldState = [key: string, total: number][];

export class HeldEvents {
  private readonly held = new Map<string, Held>();

  /**
   * @param next Whether a new copy replaces the kept one (given the kept copy's token total).
   * @param moveToNewest A replaced key counts as the newest for the window (last line wins).
   * @param limit Keys held at most: the oldest is emitted and forgotten beyond it.
   */
  constructor(
    private readonly ctx: ParseContext,
    private readonly next: (keptTotal: number, copy: ImportEvent) => boolean,
    private readonly moveToNewest: boolean,
    private readonly limit = Infinity,
  ) {}

  add(event: ImportEvent): void {
    const total = totalImportTokens(event.tokens);
    const prior = this.held.get(event.key);
    if (prior) {
      this.ctx.duplicate();
      if (!this.next(prior.total, event)) return;
      const entry = { total, event, out: prior.out };
      if (this.moveToNewest) this.held.delete(event.key);
      this.held.set(event.key, entry);
      return;
    }
    this.held.set(event.key, { total, event, out: false });
    if (this.held.size > this.limit) {
      const [oldest] = this.held.keys();
      this.emit(this.held.get(oldest)!);
      this.held.delete(oldest);
    }
  }

  /** Emit every copy not yet handed out, keeping each key's total. */
  handOut(): void {
    for (const entry of this.held.values()) this.emit(entry);
  }

  /** After the last line: emit what is held and forget it. */
  end(): void {
    this.handOut();
    this.held.clear();
  }

  /** Hand out what is held, then the keys and totals to resume with. */
  state(): HeldState {
    this.handOut();
    return [...this.held].map(([key, h]) => [key, h.total]);
  }

  restore(state: HeldState): void {
    this.held.clear();
    for (const [key, total] of state) this.held.set(key, { total, event: null, out: true });
  }

  private emit(entry: Held): void {
    if (!entry.event) return;
    if (entry.out) this.ctx.update(entry.event);
    else this.ctx.emit(entry.event);
    entry.event = null;
    entry.out = true;
  }
}

/** Checks a saved held state before it is restored. */
export function isHeldState(value: unknown): value is HeldState {
  return (
    Array.isArray(value) &&
    value.every(
      (x) =>
        Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'number',
    )
  );
}
