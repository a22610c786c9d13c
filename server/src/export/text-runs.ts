import bidiImport from 'bidi-js';
import { coverage, type LoadedFont } from './fonts.ts';

/**
 * Text cut into what a PDF can draw: runs of one font and one bidirectional level, wrapped into
 * lines that fit, each line's runs placed in visual order. Which font draws a character is
 * decided by glyph coverage, grapheme by grapheme, so an accent, an emoji sequence or a word in
 * Arabic each come from a font that has them. Right-to-left runs are handed to the font in
 * logical order: fontkit shapes them (Arabic joining) and lays their glyphs out right to left;
 * the line is reordered run by run (Unicode bidi rule L2) with levels from bidi-js.
 */
export interface Span {
  text: string;
  bold?: boolean;
}

export interface Run {
  text: string;
  font: LoadedFont;
  level: number;
  width: number;
}

export interface PlacedRun extends Run {
  /** From the line's left edge. */
  x: number;
}

export interface Line {
  /** In logical order (the order a reader reads and text extraction returns), each with its x. */
  runs: PlacedRun[];
  width: number;
  rightToLeft: boolean;
}

export type Measure = (font: LoadedFont, text: string) => number;

// bidi-js's types declare an ES default export; Node loads its CommonJS build, whose export is the factory.
const bidiFactory = bidiImport as unknown as typeof bidiImport.default;
const bidi = bidiFactory();
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
const drawnLetter = /[\p{L}\p{N}\p{Extended_Pictographic}]/u;

/** The first font with every glyph of the grapheme; for spaces and punctuation, the previous run's font if it has them. */
function fontFor(
  fonts: readonly LoadedFont[],
  grapheme: string,
  previous: LoadedFont | undefined,
): LoadedFont {
  if (previous && !drawnLetter.test(grapheme)) {
    const { has, of } = coverage(previous, grapheme);
    if (has === of) return previous;
  }
  let best = fonts[0]!;
  let bestHas = -1;
  for (const font of fonts) {
    const { has, of } = coverage(font, grapheme);
    if (has === of) return font;
    if (has > bestHas) [best, bestHas] = [font, has];
  }
  return best;
}

interface Piece {
  text: string;
  font: LoadedFont;
  level: number;
  space: boolean;
}

/** A paragraph (no line breaks inside) as pieces: each grapheme with its font and level, merged. */
function pieces(
  spans: readonly Span[],
  fonts: Record<'regular' | 'bold', readonly LoadedFont[]>,
): { pieces: Piece[]; rightToLeft: boolean } {
  const text = spans.map((span) => span.text).join('');
  const { levels, paragraphs } = bidi.getEmbeddingLevels(text);
  const out: Piece[] = [];
  let offset = 0;
  let previous: LoadedFont | undefined;
  for (const span of spans) {
    const set = span.bold ? fonts.bold : fonts.regular;
    for (const { segment, index } of graphemes.segment(span.text)) {
      const level = levels[offset + index] ?? 0;
      const space = /^\s+$/u.test(segment);
      const font = fontFor(
        set,
        segment,
        previous?.name === undefined ? undefined : set.find((each) => each.name === previous!.name),
      );
      previous = font;
      const last = out.at(-1);
      if (last && last.font === font && last.level === level && last.space === space) last.text += segment;
      else out.push({ text: segment, font, level, space });
    }
    offset += span.text.length;
  }
  return { pieces: out, rightToLeft: (paragraphs[0]?.level ?? 0) % 2 === 1 };
}

/** Words as the wrapping sees them: the runs between spaces, and the spaces before them. */
interface Word {
  before: Piece[];
  runs: Piece[];
}

function words(all: Piece[]): Word[] {
  const out: Word[] = [];
  let current: Word = { before: [], runs: [] };
  for (const piece of all) {
    if (piece.space) {
      if (current.runs.length > 0) {
        out.push(current);
        current = { before: [], runs: [] };
      }
      current.before.push(piece);
    } else current.runs.push(piece);
  }
  if (current.runs.length > 0) out.push(current);
  return out;
}

/** A word wider than a line, cut between graphemes into parts that each fit. */
function splitWord(word: Piece[], width: number, measure: Measure): Piece[][] {
  const parts: Piece[][] = [];
  let part: Piece[] = [];
  let used = 0;
  for (const piece of word)
    for (const { segment } of graphemes.segment(piece.text)) {
      const size = measure(piece.font, segment);
      if (used + size > width && part.length > 0) {
        parts.push(part);
        part = [];
        used = 0;
      }
      const last = part.at(-1);
      if (last && last.font === piece.font && last.level === piece.level) last.text += segment;
      else part.push({ ...piece, text: segment });
      used += size;
    }
  if (part.length > 0) parts.push(part);
  return parts;
}

const widthOf = (runs: readonly Piece[], measure: Measure) =>
  runs.reduce((sum, piece) => sum + measure(piece.font, piece.text), 0);

/** Places a line's runs: visual order by rule L2, then x from the left, returned in logical order. */
function place(logical: Piece[], measure: Measure, rightToLeft: boolean): Line {
  // In right-to-left runs spaces are runs of their own, so each word is shaped alone and the
  // gaps between words are placed by the reordering, not by the font (pdfkit lays out text word
  // by word, which would turn a reversed run's spaces around). Left-to-right text keeps its
  // spaces inside the run: fewer, longer runs draw faster.
  const runs: (Run & { space: boolean })[] = [];
  for (const piece of logical) {
    const last = runs.at(-1);
    const joins = piece.level % 2 === 0 || last?.space === piece.space;
    if (last && last.font === piece.font && last.level === piece.level && joins) last.text += piece.text;
    else runs.push({ text: piece.text, font: piece.font, level: piece.level, width: 0, space: piece.space });
  }
  for (const run of runs) run.width = measure(run.font, run.text);
  const visual = [...runs];
  const highest = Math.max(0, ...runs.map((run) => run.level));
  const lowestOdd = Math.min(...runs.map((run) => run.level).filter((level) => level % 2 === 1), highest + 1);
  for (let level = highest; level >= lowestOdd; level -= 1) {
    for (let start = 0; start < visual.length;) {
      if (visual[start]!.level < level) {
        start += 1;
        continue;
      }
      let end = start;
      while (end < visual.length && visual[end]!.level >= level) end += 1;
      visual.splice(start, end - start, ...visual.slice(start, end).reverse());
      start = end;
    }
  }
  const xs = new Map<Run, number>();
  let x = 0;
  for (const run of visual) {
    xs.set(run, x);
    x += run.width;
  }
  return {
    runs: runs.map((run) => ({
      text: run.text,
      font: run.font,
      level: run.level,
      width: run.width,
      x: xs.get(run)!,
    })),
    width: x,
    rightToLeft,
  };
}

/** Wraps a paragraph (which may hold line breaks) into lines no wider than `width`. */
export function layoutText(
  spans: readonly Span[],
  width: number,
  fonts: Record<'regular' | 'bold', readonly LoadedFont[]>,
  measure: Measure,
): Line[] {
  // Each hard line break starts a new bidi paragraph, as in any text editor.
  const hardLines: Span[][] = [[]];
  for (const span of spans) {
    const [first = '', ...rest] = span.text.replace(/\r\n?/g, '\n').split('\n');
    hardLines.at(-1)!.push({ ...span, text: first });
    for (const line of rest) hardLines.push([{ ...span, text: line }]);
  }
  const lines: Line[] = [];
  for (const hard of hardLines) {
    const { pieces: all, rightToLeft } = pieces(
      hard.map((span) => ({ ...span, text: span.text.replace(/\t/g, ' ') })),
      fonts,
    );
    const linesBefore = lines.length;
    let current: Piece[] = [];
    let used = 0;
    const flush = () => {
      lines.push(place(current, measure, rightToLeft));
      current = [];
      used = 0;
    };
    for (const word of words(all)) {
      const before = current.length === 0 ? [] : word.before;
      const wordWidth = widthOf(word.runs, measure);
      const gap = widthOf(before, measure);
      if (current.length > 0 && used + gap + wordWidth <= width) {
        current.push(...before, ...word.runs);
        used += gap + wordWidth;
        continue;
      }
      if (current.length > 0) flush();
      if (wordWidth <= width) {
        current.push(...word.runs);
        used = wordWidth;
        continue;
      }
      const parts = splitWord(word.runs, width, measure);
      for (const [index, part] of parts.entries()) {
        current.push(...part);
        used = widthOf(part, measure);
        if (index < parts.length - 1) flush();
      }
    }
    // A blank line in what someone wrote stays a blank line.
    if (current.length > 0 || lines.length === linesBefore) flush();
  }
  return lines;
}
