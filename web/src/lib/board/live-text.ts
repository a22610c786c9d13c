import type * as Y from 'yjs';

/**
 * An attachment that shows a shared text read-only and keeps it current as people type,
 * without re-rendering the board on every keystroke (the projector and the phone's pairs).
 * `shown` turns the text into what the element says, for labels that wrap it in words.
 */
export function liveText(text: Y.Text | undefined, empty = '', shown = (value: string) => value || empty) {
  return (element: HTMLElement): (() => void) => {
    if (!text) {
      element.textContent = shown('');
      return () => {};
    }
    const show = () => (element.textContent = shown(text.toString()));
    show();
    text.observe(show);
    return () => text.unobserve(show);
  };
}
