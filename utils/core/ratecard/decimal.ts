/**
 * Exact decimal arithmetic for prices. Sources give prices as decimal strings ("0.00000040625")
 * or JSON numbers (0.40625); both are parsed digit by digit into a BigInt at a fixed scale, so
 * no binary-float rounding ever reaches a cost.
 */

/** Price scale used inside the engine: 1e-9 currency units (nano-USD) per 1M tokens. */
export const NANO = 9;

/**
 * Parse a decimal (string, or number via its shortest round-trip string) into an integer scaled
 * by 10^scale, rounding half up past that precision. Throws on anything not a finite decimal.
 */
export function toScaledBigInt(value: string | number, scale: number): bigint {
  const text = typeof value === 'number' ? numberToString(value) : value.trim();
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) {
    throw new Error(`not a decimal number: ${JSON.stringify(value)}`);
  }
  const [, sign, intPart, fracPart = '', expPart] = match;
  const exp = (expPart ? Number(expPart) : 0) + scale;
  const digits = (intPart + fracPart).replace(/^0+(?=\d)/, '') || '0';
  // Value = digits × 10^(exp − fracPart.length)
  const shift = exp - fracPart.length;
  let result: bigint;
  if (shift >= 0) {
    result = BigInt(digits) * 10n ** BigInt(shift);
  } else {
    const divisor = 10n ** BigInt(-shift);
    const n = BigInt(digits);
    result = (n + divisor / 2n) / divisor;
  }
  return sign === '-' ? -result : result;
}

function numberToString(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return String(n);
}

/**
 * Multiply a decimal by 10^pow10 without floats ("0.00000125", 6 → 1.25): turns OpenRouter's
 * per-token prices into per-1M prices exactly (kept to 12 decimals past the new point).
 */
export function scaleDecimal(value: string | number, pow10: number): number {
  const scaled = toScaledBigInt(value, pow10 + 12);
  return Number(scaledToDecimalString(scaled, 12));
}

/** Format an integer scaled by 10^scale as the shortest exact decimal string. */
export function scaledToDecimalString(scaled: bigint, scale: number): string {
  const negative = scaled < 0n;
  let digits = (negative ? -scaled : scaled).toString();
  if (scale <= 0) return (negative ? '-' : '') + digits + '0'.repeat(-scale);
  digits = digits.padStart(scale + 1, '0');
  const int = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, '');
  return (negative ? '-' : '') + int + (frac ? '.' + frac : '');
}

/** Divide and round half up (both non-negative). */
export function divRound(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator / 2n) / denominator;
}
