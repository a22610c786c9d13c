import { cardText, editCardText } from '@kinboard/shared';
import type * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

type Delta = { retain?: number; insert?: unknown; delete?: number }[];

/** Where a caret at `position` ends up after someone else's change. */
export function mapPosition(position: number, delta: Delta): number {
  let index = 0;
  let mapped = position;
  for (const op of delta) {
    if (index >= position) break;
    if (op.retain !== undefined) index += op.retain;
    else if (typeof op.insert === 'string') {
      // An insert before the caret pushes it on; it takes no room in the old text.
      mapped += op.insert.length;
    } else if (op.delete !== undefined) {
      const removed = Math.min(op.delete, position - index);
      mapped -= removed;
      index += op.delete;
    }
  }
  return Math.max(0, mapped);
}

/** Applies one contiguous change (what a person typed since `base`) on top of `theirs`. */
export function rebase(base: string, mine: string, theirs: string, deltas: Delta[]): string {
  let start = 0;
  while (start < base.length && start < mine.length && base[start] === mine[start]) start++;
  let endBase = base.length;
  let endMine = mine.length;
  while (endBase > start && endMine > start && base[endBase - 1] === mine[endMine - 1]) {
    endBase--;
    endMine--;
  }
  let from = start;
  let to = endBase;
  for (const delta of deltas) {
    from = mapPosition(from, delta);
    to = Math.max(from, mapPosition(to, delta));
  }
  return theirs.slice(0, from) + mine.slice(start, endMine) + theirs.slice(to);
}

/** How a binding writes what the person typed: a named operation in the typed layer. */
export type WriteText = (next: string) => void;

/**
 * Binds a textarea to a card's text. Typing goes through editCardText (a minimal diff, so two
 * people typing in one card both keep their words), inside a transaction with the screen's own
 * origin so the undo manager tracks it.
 */
export function bindCardText(textarea: HTMLTextAreaElement, doc: Y.Doc, id: string): () => void {
  const text = cardText(doc, id);
  if (!text) return () => {};
  return bindSharedText(textarea, text, (next) => doc.transact(() => editCardText(doc, id, next), ownEdit));
}

/**
 * Binds a textarea to a shared text. Someone else's edit (or an undo of our own) is applied to
 * the textarea in place with the caret moved along, never by replacing what the person is
 * typing; during an IME composition it waits, and the composed text is rebased onto it
 * afterwards. Only the write this binding is making itself is skipped: an undo is local too,
 * and must show.
 */
export function bindSharedText(textarea: HTMLTextAreaElement, text: Y.Text, write: WriteText): () => void {
  let base = text.toString();
  textarea.value = base;
  let composing = false;
  let writing = false;
  let waiting: Delta[] = [];

  const writeOwn = (next: string) => {
    writing = true;
    try {
      write(next);
    } finally {
      writing = false;
    }
  };
  const onInput = () => {
    if (composing) return;
    writeOwn(textarea.value);
    base = text.toString();
  };
  const onCompositionStart = () => (composing = true);
  const onCompositionEnd = () => {
    composing = false;
    if (waiting.length === 0) return onInput();
    const merged = rebase(base, textarea.value, text.toString(), waiting);
    waiting = [];
    const caret = textarea.selectionEnd + (merged.length - textarea.value.length);
    writeOwn(merged);
    base = text.toString();
    textarea.value = base;
    textarea.setSelectionRange(caret, caret);
  };
  const onChange = (event: Y.YTextEvent) => {
    if (writing) return;
    const delta = event.delta as Delta;
    if (composing) {
      waiting.push(delta);
      return;
    }
    const focused = document.activeElement === textarea;
    const { selectionStart, selectionEnd, selectionDirection } = textarea;
    base = text.toString();
    textarea.value = base;
    if (focused) {
      textarea.setSelectionRange(
        mapPosition(selectionStart, delta),
        mapPosition(selectionEnd, delta),
        selectionDirection,
      );
    }
  };

  textarea.addEventListener('input', onInput);
  textarea.addEventListener('compositionstart', onCompositionStart);
  textarea.addEventListener('compositionend', onCompositionEnd);
  text.observe(onChange);
  return () => {
    textarea.removeEventListener('input', onInput);
    textarea.removeEventListener('compositionstart', onCompositionStart);
    textarea.removeEventListener('compositionend', onCompositionEnd);
    text.unobserve(onChange);
  };
}
