/**
 * Capitalised for a heading or label: "worry statement" -> "Worry statement". The board's
 * vocabulary gives its nouns in lower case, to sit inside a sentence.
 */
export const heading = (words: string): string => words.charAt(0).toUpperCase() + words.slice(1);
