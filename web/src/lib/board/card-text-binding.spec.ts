import { describe, expect, it } from 'vitest';
import { mapPosition, rebase } from './card-text-binding.ts';

describe('mapPosition', () => {
  it('moves a caret on past text inserted before it', () => {
    expect(mapPosition(5, [{ retain: 2 }, { insert: 'abc' }])).toBe(8);
  });
  it('leaves a caret alone for text inserted at or after it', () => {
    expect(mapPosition(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
    expect(mapPosition(2, [{ retain: 4 }, { delete: 3 }])).toBe(2);
  });
  it('pulls a caret back over deleted text, and to the start of a deletion it was inside', () => {
    expect(mapPosition(6, [{ delete: 2 }])).toBe(4);
    expect(mapPosition(3, [{ retain: 2 }, { delete: 4 }])).toBe(2);
  });
});

describe('rebase', () => {
  it('puts what someone typed during a composition on top of an edit that arrived meanwhile', () => {
    // base "hello world"; I typed "dear " before "world"; someone else added "!" at the end.
    const merged = rebase('hello world', 'hello dear world', 'hello world!', [
      [{ retain: 11 }, { insert: '!' }],
    ]);
    expect(merged).toBe('hello dear world!');
  });
  it('keeps my change in place when the other edit came before it', () => {
    const merged = rebase('ab cd', 'ab Xcd', 'Zab cd', [[{ insert: 'Z' }]]);
    expect(merged).toBe('Zab Xcd');
  });
});
