import { addCard, cardText, editCardText } from '@kinboard/shared';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

function connect(a: Y.Doc, b: Y.Doc): void {
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== b && Y.applyUpdate(b, update, a));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== a && Y.applyUpdate(a, update, b));
}

describe('undo tracks only this screen’s own edits', () => {
  it('takes back my words in a shared card and leaves what someone else typed', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    connect(mine, theirs);
    const id = addCard(theirs, {
      domain: 'nextSteps',
      text: 'middle',
      author: 'Sam',
      perspective: 'network',
    });
    const undo = new Y.UndoManager(mine.getMap('cards'), { trackedOrigins: new Set([ownEdit]) });

    mine.transact(() => editCardText(mine, id, 'start middle'), ownEdit);
    theirs.transact(() => editCardText(theirs, id, 'start middle end'));
    expect(cardText(mine, id)?.toString()).toBe('start middle end');

    undo.undo();
    expect(cardText(mine, id)?.toString()).toBe('middle end');
    expect(cardText(theirs, id)?.toString()).toBe('middle end');
    undo.redo();
    expect(cardText(theirs, id)?.toString()).toBe('start middle end');
  });

  it('never undoes a remote edit, even when nothing of mine is on the stack', () => {
    const mine = new Y.Doc();
    const theirs = new Y.Doc();
    connect(mine, theirs);
    const undo = new Y.UndoManager(mine.getMap('cards'), { trackedOrigins: new Set([ownEdit]) });
    addCard(theirs, { domain: 'goals', text: 'theirs', author: 'Sam', perspective: 'family' });
    expect(undo.canUndo()).toBe(false);
  });
});
