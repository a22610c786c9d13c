import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

/**
 * Order on the board is a fractional index per record, so moving one record is one field
 * change that merges cleanly with other people's moves. Readers sort by position, then id.
 */
export interface Positioned {
  id: string;
  position: string;
}

export function byPosition(a: Positioned, b: Positioned): number {
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The position writes that put `id` at `toIndex` of `ordered` (already sorted; `id` may be new,
 * in which case it need not be in the list). Usually one write. When two people's edits left
 * equal keys, or a key is malformed, there is no room between neighbours: then every record is
 * given a fresh position in the new order, which is still one transaction and still converges.
 */
export function positionWrites(
  ordered: readonly Positioned[],
  id: string,
  toIndex: number,
): [string, string][] {
  const others = ordered.filter((item) => item.id !== id);
  const index = Math.max(0, Math.min(Math.trunc(toIndex) || 0, others.length));
  try {
    return [[id, generateKeyBetween(others[index - 1]?.position ?? null, others[index]?.position ?? null)]];
  } catch {
    const ids = others.map((item) => item.id);
    ids.splice(index, 0, id);
    const keys = spreadPositions(ids.length);
    return ids.map((each, i) => [each, keys[i]!]);
  }
}

/** Evenly spread positions for `count` records in a row. */
export function spreadPositions(count: number): string[] {
  return generateNKeysBetween(null, null, count);
}
