/**
 * The spread of a round's numbers: where people are furthest apart is where the facilitator
 * asks "what makes it a 4 and not a 2?". `middle` is the median (the middle number, or halfway
 * between the two middle ones), which a single outlier cannot drag.
 */
export interface Spread {
  lowest: number;
  highest: number;
  middle: number;
  count: number;
}

export function spreadOf(values: readonly number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  const middle = sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  return { lowest: sorted[0]!, highest: sorted.at(-1)!, middle, count: sorted.length };
}
