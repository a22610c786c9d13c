import type * as Y from 'yjs';

/**
 * An attachment that shows a shared text read-only and keeps it current as people type,
 * without re-rendering the board on every keystroke (the projector and the phone's pairs).
 */
export function liveText(text: Y.Text | undefined, empty = '') {
  return (element: HTMLElement): (() => void) => {
    if (!text) {
      element.textContent = empty;
      return () => {};
    }
    const show = () => (element.textContent = text.toString() || empty);
    show();
    text.observe(show);
    return () => text.unobserve(show);
  };
}
