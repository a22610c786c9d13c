import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readText, replaceText } from './text-edit.ts';

function sharedText(initial: string): [Y.Doc, Y.Text] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, initial);
  return [doc, text];
}

describe('replaceText', () => {
  it.each([
    ['', 'hello'],
    ['hello', ''],
    ['Pat comes over', 'Pat comes over at 6pm'],
    ['Dani phones Pat', 'Dani texts Pat'],
    ['thumbs 👍 up', 'thumbs 👎 up'],
    ['😀', '😁'],
    ['a😀b', 'a😀😀b'],
  ])('turns %j into %j', (from, to) => {
    const [, text] = sharedText(from);
    replaceText(text, to);
    expect(text.toString()).toBe(to);
  });

  it("keeps someone else's words typed at the same time elsewhere", () => {
    const [a, textA] = sharedText('Pat comes over. Sam knocks.');
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    replaceText(textA, 'Pat comes over before 6pm. Sam knocks.');
    replaceText(b.getText('t'), 'Pat comes over. Sam knocks at 8pm.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(textA.toString()).toBe('Pat comes over before 6pm. Sam knocks at 8pm.');
    expect(b.getText('t').toString()).toBe(textA.toString());
  });
});

describe('readText', () => {
  it('reads shared text and plain strings, and nothing else', () => {
    const [, text] = sharedText('words');
    expect(readText(text)).toBe('words');
    expect(readText('plain')).toBe('plain');
    expect(readText(42)).toBeUndefined();
    expect(readText(new Y.Map())).toBeUndefined();
  });
});
