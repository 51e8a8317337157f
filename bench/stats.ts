// Small helpers the benches share.

/** The middle value (the upper one of the two middles for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** `value` rounded to `digits` decimals, as a number. */
export function round(value: number, digits = 2): number {
  return Number(value.toFixed(digits));
}
