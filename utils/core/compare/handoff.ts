/**
 * What the overlay hands to the compare page: the text of the draft or of the conversation, and
 * the conversation's own output/input ratio as the default expected reply.
 */

export interface TurnLike {
  text: string;
}

/**
 * The text to compare. `draft`: the composer's text. `conversation`: every visible turn and the
 * draft, in order, as the next request would resend them (reasoning shown on screen is output,
 * not resent, so it is left out).
 */
export function compareTextOf(
  scope: 'draft' | 'conversation',
  page: { draft: string | null; turns: readonly TurnLike[] },
): string {
  const draft = page.draft ?? '';
  if (scope === 'draft') return draft;
  return [...page.turns.map((t) => t.text), draft].filter((t) => t !== '').join('\n\n');
}

interface RowLike {
  input: { tokens: number } | null;
  output: { tokens: number } | null;
}

/**
 * Σ output / Σ input over the conversation's counted turns, as billed (each turn's input is the
 * whole conversation so far plus its prompt); null with no turn counted yet or no input.
 */
export function outputRatioOf(rows: readonly RowLike[]): number | null {
  let input = 0;
  let output = 0;
  for (const row of rows) {
    if (!row.input || !row.output) continue;
    input += row.input.tokens;
    output += row.output.tokens;
  }
  return input > 0 ? output / input : null;
}
