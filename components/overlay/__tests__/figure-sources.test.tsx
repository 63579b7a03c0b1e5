// The badge says which figures are the site's own and which were counted here: the pill marks the
// conversation's cost, the panel says how many replies carry the site's numbers, in both languages.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { Overlay } from '@/components/overlay/Overlay';
import { Panel } from '@/components/overlay/Panel';
import { PALETTES } from '@/components/overlay/palette';
import { figureSources, figureSourcesShort } from '@/components/overlay/format';
import type { TokenCount } from '@/utils/core/types';
import type { MeterView, TurnRow } from '@/utils/overlay/types';
import { setLocale } from '@/utils/i18n';

const site = (tokens: number): TokenCount => ({ tokens, provenance: 'site', family: 'site:qwen' });
const counted = (tokens: number, provenance: TokenCount['provenance'] = 'exact'): TokenCount => ({
  tokens,
  provenance,
  family: provenance === 'estimate' ? 'estimate' : 'qwen3',
});
const UNKNOWN: TokenCount = { tokens: 0, provenance: 'unknown', family: 'none' };

function row(turnIndex: number, kind: 'site' | 'exact' | 'estimate'): TurnRow {
  const c = kind === 'site' ? site : (n: number) => counted(n, kind);
  return {
    turnIndex,
    input: c(100),
    output: c(20),
    reasoning: UNKNOWN,
    costMicros: 120,
    recorded: kind === 'site' ? 'saved' : 'no',
    exact: kind === 'site',
  };
}

function view(rows: TurnRow[]): MeterView {
  return {
    site: { id: 'qwen', label: 'Qwen' },
    health: 'ok',
    model: {
      label: 'Qwen3-Max',
      candidate: 'qwen/qwen3-max',
      source: 'label',
      info: { id: 'qwen/qwen3-max', name: 'Qwen3 Max', contextWindow: 262_144 },
      status: 'ok',
    },
    draft: { chars: 5, tokens: counted(2), costMicros: 3 },
    conversation: { contextTokens: 240, costMicros: 240, turns: rows.length * 2 },
    nextRequest: { inputTokens: 242, costMicros: 3 },
    contextRatio: 0.001,
    rows,
    streaming: false,
    engine: 'ok',
    lastUsage: null,
    siteTokens: null,
  };
}

const pill = (v: MeterView) =>
  renderToStaticMarkup(
    <Overlay
      status="connected"
      view={v}
      theme="light"
      position={null}
      collapsed={false}
      models={null}
      override={null}
    />,
  );
const panel = (v: MeterView) =>
  renderToStaticMarkup(
    <Panel
      view={v}
      palette={PALETTES.light}
      models={null}
      override={null}
      onPickModel={() => {}}
      onClose={() => {}}
    />,
  );

/** The element with a data-testid, as markup (first match). */
const part = (html: string, testid: string) =>
  html.match(new RegExp(`<[^>]*data-testid="${testid}"[^>]*>[^<]*`))?.[0] ?? null;

afterEach(() => setLocale('en'));

describe('which figures are the site’s and which are counted', () => {
  it('counts the replies by source, and notices an estimate among the counted ones', () => {
    expect(figureSources([row(1, 'site'), row(3, 'exact'), row(5, 'site')])).toEqual({
      site: 2,
      counted: 1,
      estimate: false,
    });
    expect(figureSources([row(1, 'exact'), row(3, 'estimate')])).toEqual({
      site: 0,
      counted: 2,
      estimate: true,
    });
    expect(figureSourcesShort(figureSources([]))).toBe('');
  });

  it('the pill marks the conversation’s cost: all the site’s, all counted, or mixed', () => {
    setLocale('en');
    const allSite = part(pill(view([row(1, 'site'), row(3, 'site')])), 'tm-conv-source');
    expect(allSite).toContain('data-site="2"');
    expect(allSite).toContain('(site’s numbers)');
    const allCounted = part(pill(view([row(1, 'exact')])), 'tm-conv-source');
    expect(allCounted).toContain('data-counted="1"');
    expect(allCounted).toContain('(counted)');
    expect(part(pill(view([row(1, 'estimate')])), 'tm-conv-source')).toContain('(estimated)');
    const mixed = part(
      pill(view([row(1, 'site'), row(3, 'exact'), row(5, 'estimate')])),
      'tm-conv-source',
    );
    expect(mixed).toContain('(1 site · 2 counted)');
    // The title says the draft and the window share are counted here.
    expect(mixed).toMatch(/title="Replies: 1 with the site’s own numbers[^"]*always counted here/);
    // No reply yet: no mark.
    expect(part(pill(view([])), 'tm-conv-source')).toBeNull();
  });

  it('the panel says how many replies carry the site’s numbers', () => {
    setLocale('en');
    const line = part(panel(view([row(1, 'site'), row(3, 'exact')])), 'tm-figures');
    expect(line).toContain('Replies: 1 with the site’s own numbers (✓), 1 counted here');
    expect(line).toContain('the model’s tokenizer');
  });

  it('in Chinese', () => {
    setLocale('zh-CN');
    const mixed = part(pill(view([row(1, 'site'), row(3, 'exact')])), 'tm-conv-source');
    expect(mixed).toContain('(网站 1 · 本地计数 1)');
    expect(part(pill(view([row(1, 'site')])), 'tm-conv-source')).toContain('(网站的数字)');
    const line = part(panel(view([row(1, 'site'), row(3, 'estimate')])), 'tm-figures');
    expect(line).toContain('回复：1 条使用网站自己的数字（✓），1 条在本地计数（其中有些只是估算）');
  });
});
