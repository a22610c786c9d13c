import { describe, expect, it } from 'vitest';
import { byPosition, positionWrites, type Positioned } from './position.ts';

function apply(items: Positioned[], writes: [string, string][]): string[] {
  const next = new Map(items.map((item) => [item.id, item.position]));
  for (const [id, position] of writes) next.set(id, position);
  return [...next]
    .map(([id, position]) => ({ id, position }))
    .sort(byPosition)
    .map((item) => item.id);
}

const three: Positioned[] = [
  { id: 'a', position: 'a0' },
  { id: 'b', position: 'a1' },
  { id: 'c', position: 'a2' },
];

describe('positionWrites', () => {
  it('moves one record with one write', () => {
    const writes = positionWrites(three, 'c', 0);
    expect(writes).toHaveLength(1);
    expect(apply(three, writes)).toEqual(['c', 'a', 'b']);
  });

  it('places a new record, clamping an index past the end', () => {
    expect(apply(three, positionWrites(three, 'new', 99))).toEqual(['a', 'b', 'c', 'new']);
    expect(apply(three, positionWrites(three, 'new', -3))).toEqual(['new', 'a', 'b', 'c']);
  });

  it('respaces everything when tied or malformed keys leave no room', () => {
    const tied = [
      { id: 'a', position: 'a0' },
      { id: 'b', position: 'a0' },
      { id: 'c', position: 'not a key' },
    ];
    const writes = positionWrites(tied, 'c', 1);
    expect(writes).toHaveLength(3);
    expect(apply(tied, writes)).toEqual(['a', 'c', 'b']);
  });
});
