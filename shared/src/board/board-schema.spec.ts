import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkBoardRoots, checkUpdateRoots } from './board-schema.ts';

function remote(build: (doc: Y.Doc) => void): { doc: Y.Doc; update: Uint8Array } {
  const source = new Y.Doc();
  build(source);
  const update = Y.encodeStateAsUpdate(source);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return { doc, update };
}

describe('the roots a map document may hold', () => {
  it('accepts every known root with its own type, opened or not', () => {
    const { doc, update } = remote((source) => {
      source.getMap('cards').set('c1', new Y.Map());
      source.getMap('statementPairs').set('sp1', new Y.Map());
      source.getMap('bottomLines').set('bl1', new Y.Map());
      source.getArray('agenda').push([new Y.Map()]);
      source.getMap('settings').set('vocabularyId', 'safety');
    });
    expect(checkBoardRoots(doc)).toEqual([]);
    expect(checkUpdateRoots(update)).toEqual([]);
    doc.getMap('cards');
    doc.getArray('agenda');
    doc.getMap('secretsNobodyWrote');
    expect(checkBoardRoots(doc)).toEqual([]);
  });

  it('finds a root nobody declared', () => {
    const { doc, update } = remote((source) => source.getText('notes').insert(0, 'hidden'));
    expect(checkBoardRoots(doc)).toEqual([{ root: 'notes', problem: 'unknown root' }]);
    expect(checkUpdateRoots(update)).toEqual([{ root: 'notes', problem: 'unknown root' }]);
  });

  it('finds a known root written as the wrong type', () => {
    const { doc, update } = remote((source) => {
      source.getArray('cards').push(['a list, not a map']);
      source.getMap('agenda').set('step', 'a map, not a list');
    });
    const expected = [
      { root: 'cards', problem: 'wrong type' },
      { root: 'agenda', problem: 'wrong type' },
    ];
    expect(checkBoardRoots(doc)).toEqual(expect.arrayContaining(expected));
    expect(checkUpdateRoots(update)).toEqual(expect.arrayContaining(expected));
    const typed = new Y.Doc();
    typed.getText('settings').insert(0, 'text');
    expect(checkBoardRoots(typed)).toEqual([{ root: 'settings', problem: 'wrong type' }]);
  });

  it('checks an incremental update, and calls bytes that are no update unreadable', () => {
    const doc = new Y.Doc();
    doc.getMap('cards').set('c1', 'first');
    const before = Y.encodeStateVector(doc);
    doc.getMap('cards').set('c1', 'second');
    doc.getArray('extra').push([1]);
    expect(checkUpdateRoots(Y.encodeStateAsUpdate(doc, before))).toEqual([
      { root: 'extra', problem: 'unknown root' },
    ]);
    expect(checkUpdateRoots(new Uint8Array([255, 1, 2]))).toEqual([
      { root: '', problem: 'unreadable update' },
    ]);
  });
});

describe('roots by document part', () => {
  it('keeps cards in the map and the frame in its own document', async () => {
    const { addCard } = await import('./card.ts');
    const { addBottomLine } = await import('./bottom-line.ts');
    const cards = new Y.Doc();
    addCard(cards, {
      domain: 'existingStrengths',
      text: 'Nan lives close',
      author: 'Pat',
      perspective: 'family',
    });
    const frame = new Y.Doc();
    addBottomLine(frame, 'A sober adult is with the children every night.');
    expect(checkBoardRoots(cards, 'map')).toEqual([]);
    expect(checkBoardRoots(frame, 'frame')).toEqual([]);
    expect(checkBoardRoots(cards, 'frame')).toEqual([{ root: 'cards', problem: 'unknown root' }]);
    expect(checkUpdateRoots(Y.encodeStateAsUpdate(frame), 'map')).toEqual([
      { root: 'bottomLines', problem: 'unknown root' },
    ]);
    expect(checkUpdateRoots(Y.encodeStateAsUpdate(frame), 'frame')).toEqual([]);
  });
});
