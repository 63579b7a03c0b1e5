/**
 * API playgrounds (OpenAI, Anthropic Workbench, Google AI Studio, OpenRouter): the same adapter
 * shape as a chat site, plus what a request there is made of. The page shows the API id of the
 * chosen model (priced by the rate card's resolver as is, no alias table), a system prompt
 * (listed as a `system` turn, so it counts as input of every reply), the messages, and a
 * max-output setting (the output to assume for the next run until its reply arrives).
 */
import { defineAdapter, queryAllFirst, queryFirst, readText } from './define';
import type { OfferKind } from '@/utils/core/types';
import type { AdapterSpec, SiteAdapter, Turn, TurnNode, TurnText } from './types';

export interface PlaygroundSpec extends Omit<AdapterSpec, 'pricing' | 'readOutputAssumption'> {
  playground: {
    /** The system prompt's editor (or its text). */
    system: string[];
    /** The max-output setting (an input, or an element whose text is the number). */
    maxOutput: string[];
    /**
     * Where the next prompt is typed. 'composer' (default): a chat-style box under the messages.
     * 'trailing-user': no such box (the Workbench): the user messages after the last reply are
     * the prompt being written, counted as the draft until the run's reply arrives.
     */
    draft?: 'composer' | 'trailing-user';
  };
  offer?: OfferKind;
}

/** Anything larger is not a max-output setting (the biggest windows are a few million tokens). */
const MAX_OUTPUT_CEILING = 10_000_000;

/** The model id shown by an element: a select's or input's value, a data attribute, or text. */
export function readModelId(el: Element): string | null {
  const tag = el.tagName.toUpperCase();
  let raw: string | null = null;
  if (tag === 'SELECT') raw = (el as HTMLSelectElement).value;
  else if (tag === 'INPUT') raw = (el as HTMLInputElement).value;
  raw ||= el.getAttribute('data-model-id') ?? el.getAttribute('data-value');
  raw ||= readText(el);
  const clean = raw.replace(/\s+/g, ' ').trim();
  return clean.length > 0 && clean.length <= 200 ? clean : null;
}

/** A max-output setting as a positive integer ("4,096", "8192 tokens"); null when unreadable. */
export function parseMaxOutput(raw: string | null | undefined): number | null {
  if (!raw) return null;
  const match = /^\s*(\d[\d,\s\u202f]*)/.exec(raw);
  if (!match) return null;
  const value = Number(match[1].replace(/[,\s\u202f]/g, ''));
  return Number.isSafeInteger(value) && value > 0 && value <= MAX_OUTPUT_CEILING ? value : null;
}

export function definePlaygroundAdapter(spec: PlaygroundSpec): SiteAdapter {
  const { playground } = spec;
  const base = defineAdapter({
    ...spec,
    pricing: { modelLabel: 'api-id', offer: spec.offer ?? 'default' },
    readModelLabel(root) {
      const el = queryFirst(root, spec.selectors.modelLabel);
      return el ? readModelId(el) : null;
    },
  });
  const trailing = playground.draft === 'trailing-user';

  const findSystem = (root: ParentNode) => queryFirst(root, playground.system);

  /** Messages (user and assistant) in order, and the user messages after the last reply. */
  function split(root: ParentNode): { turns: TurnNode[]; pending: TurnNode[] } {
    const messages = base.listTurns(root);
    if (!trailing) return { turns: messages, pending: [] };
    let cut = messages.length;
    while (cut > 0 && messages[cut - 1].role === 'user') cut--;
    return { turns: messages.slice(0, cut), pending: messages.slice(cut) };
  }

  function listTurns(root: ParentNode): TurnNode[] {
    const system = findSystem(root);
    const { turns } = split(root);
    const hasSystem = system !== null && readText(system).trim() !== '';
    return hasSystem ? [{ el: system, role: 'system' }, ...turns] : turns;
  }

  function readTurn(node: TurnNode): TurnText {
    if (node.role === 'system') return { text: readText(node.el).trim(), thinking: '' };
    // Playground messages are often editors: a textarea's markup holds its first value, the
    // live text is its `value` (what the next run sends).
    const editors = node.el.querySelectorAll('textarea');
    if (editors.length > 0) {
      const text = Array.from(editors, (t) => (t as HTMLTextAreaElement).value).join('\n');
      return { text: text.trim(), thinking: base.readTurn(node).thinking };
    }
    return base.readTurn(node);
  }

  function findComposer(root: ParentNode): Element | null {
    if (!trailing) return base.findComposer(root);
    // The last pending user message is where the next prompt is written; with none pending,
    // the composer selectors name the run area (so the badge still has a place).
    return split(root).pending.at(-1)?.el ?? base.findComposer(root);
  }

  const systemSelector = playground.system.join(', ');
  return {
    ...base,
    turnSelector: systemSelector ? `${base.turnSelector}, ${systemSelector}` : base.turnSelector,
    findComposer,
    readDraft(root) {
      if (trailing) {
        const { pending } = split(root);
        if (pending.length > 0) return pending.map((node) => readTurn(node).text).join('\n\n');
        return base.findComposer(root) || queryAllFirst(root, spec.selectors.assistant).length
          ? ''
          : null;
      }
      return base.readDraft(root);
    },
    listTurns,
    readTurn,
    readTurns(root): Turn[] {
      return listTurns(root).map((node) => ({ role: node.role, ...readTurn(node) }));
    },
    readOutputAssumption(root) {
      const el = queryFirst(root, playground.maxOutput);
      if (!el) return null;
      const tag = el.tagName.toUpperCase();
      const raw =
        tag === 'INPUT' || tag === 'SELECT'
          ? (el as HTMLInputElement).value
          : (el.getAttribute('aria-valuenow') ?? readText(el));
      return parseMaxOutput(raw);
    },
  };
}
