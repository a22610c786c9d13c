import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addBottomLine,
  bottomLinesOf,
  editBottomLine,
  moveBottomLine,
  readBottomLines,
  removeBottomLine,
  tooManyBottomLines,
} from './bottom-line.ts';

const sober = 'A sober adult is with the children every evening and night until the next review.';
const handovers = "Handovers between Dani and Lee happen at Pat's house, never at the flat.";

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('bottom lines', () => {
  it('adds, edits, moves and removes bottom lines', () => {
    const doc = new Y.Doc();
    const first = addBottomLine(doc, sober, { now: 1 })!;
    const second = addBottomLine(doc, handovers)!;
    expect(readBottomLines(doc).map((line) => line.text)).toEqual([sober, handovers]);
    editBottomLine(doc, first, sober.replace('next review', 'review in March'));
    moveBottomLine(doc, second, 0);
    expect(readBottomLines(doc).map((line) => line.id)).toEqual([second, first]);
    expect(readBottomLines(doc)[1]).toMatchObject({
      text: expect.stringContaining('review in March'),
      createdAt: 1,
    });
    removeBottomLine(doc, second);
    expect(readBottomLines(doc)).toHaveLength(1);
  });

  it('refuses empty or over-long text as a value', () => {
    const doc = new Y.Doc();
    expect(addBottomLine(doc, '   ')).toBeUndefined();
    expect(addBottomLine(doc, 'x'.repeat(1001))).toBeUndefined();
    expect(readBottomLines(doc)).toEqual([]);
  });

  it('warns past five, and still allows more', () => {
    const doc = new Y.Doc();
    for (let i = 1; i <= 6; i++) addBottomLine(doc, `Bottom line ${i}`);
    expect(tooManyBottomLines(5)).toBe(false);
    expect(tooManyBottomLines(readBottomLines(doc).length)).toBe(true);
  });

  it('skips entries it cannot read', () => {
    const doc = new Y.Doc();
    bottomLinesOf(doc).set('bl_empty', new Y.Map());
    bottomLinesOf(doc).set('bl_junk', 7 as unknown as Y.Map<unknown>);
    expect(readBottomLines(doc)).toEqual([]);
  });

  it('converges when two people add and edit at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addBottomLine(a, sober)!;
    sync(a, b);
    editBottomLine(a, id, `${sober} No exceptions.`);
    editBottomLine(b, id, `Always: ${sober}`);
    addBottomLine(b, handovers);
    sync(a, b);
    expect(readBottomLines(a)).toEqual(readBottomLines(b));
    expect(readBottomLines(a)[0]?.text).toBe(`Always: ${sober} No exceptions.`);
    expect(readBottomLines(a)).toHaveLength(2);
  });
});
