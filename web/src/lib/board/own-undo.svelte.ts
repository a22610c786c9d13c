import * as Y from 'yjs';
import { ownEdit } from './own-edits.ts';

/**
 * Undo and redo over a document's roots that only ever take back this screen's own edits:
 * Y.UndoManager reverts the items a tracked transaction made, so text someone else typed in the
 * same card stays. Keystrokes within half a second are one step.
 */
export class OwnUndo {
  canUndo = $state(false);
  canRedo = $state(false);
  readonly #manager: Y.UndoManager;
  readonly #refresh = () => {
    this.canUndo = this.#manager.canUndo();
    this.canRedo = this.#manager.canRedo();
  };

  constructor(scope: ConstructorParameters<typeof Y.UndoManager>[0]) {
    // A plain Set: Yjs reads it, nothing renders from it.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#manager = new Y.UndoManager(scope, { trackedOrigins: new Set([ownEdit]), captureTimeout: 500 });
    for (const event of ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const)
      this.#manager.on(event, this.#refresh);
    // Leaving a field ends an undo step: adding a card and typing in it are two steps, and so
    // are two cards typed one after the other.
    document.addEventListener('focusout', this.#stopCapturing);
  }

  readonly #stopCapturing = () => this.#manager.stopCapturing();

  undo(): void {
    this.#manager.undo();
  }

  redo(): void {
    this.#manager.redo();
  }

  /**
   * Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y in a card goes to this undo, not the browser's own, which
   * knows nothing of other people's edits and would replay a stale copy of the text.
   */
  handleKey = (event: KeyboardEvent): void => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const target = event.target as HTMLElement | null;
    if (!target?.closest('[data-shared-text]')) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) this.undo();
    else if ((key === 'z' && event.shiftKey) || key === 'y') this.redo();
    else return;
    event.preventDefault();
  };

  destroy(): void {
    document.removeEventListener('focusout', this.#stopCapturing);
    this.#manager.destroy();
  }
}
