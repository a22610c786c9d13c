/** A catalogue message that needs no inputs, e.g. `m.board_addCard`. */
type Message = () => string;

/**
 * Builds one of words.ts's word groups from catalogue messages. Each plain word is a getter, so
 * it is looked up in the locale of the moment it is read (the request's, when a page is
 * rendered on the server), never frozen in whatever locale this module happened to load in.
 * Words with inputs are ordinary functions that call their message.
 *
 * Call it as `/* @__PURE__ *\/ fromCatalogue(...)`, so a screen that never reads a group
 * leaves it, and its messages, out of its bundle.
 */
export function fromCatalogue<
  const Strings extends Record<string, Message>,
  Functions extends object = object,
>(strings: Strings, functions?: Functions): { readonly [Key in keyof Strings]: string } & Functions {
  const words = { ...functions };
  for (const [key, message] of Object.entries(strings)) {
    Object.defineProperty(words, key, { get: () => message(), enumerable: true });
  }
  return words as { readonly [Key in keyof Strings]: string } & Functions;
}
