import { describe, expect, it } from 'vitest';
import { hardTexts } from './export-fixtures.ts';
import { coverage, exportFonts, type LoadedFont } from './fonts.ts';
import { layoutText } from './text-runs.ts';

const fonts = exportFonts();
// A stand-in width: every grapheme 7 points wide, so wrapping is predictable.
const measure = (_font: LoadedFont, text: string) => [...new Intl.Segmenter('und').segment(text)].length * 7;

describe('text runs', () => {
  it('draws every character with a font that has it: accents, emoji sequences, Arabic, Hebrew', () => {
    for (const text of Object.values(hardTexts))
      for (const line of layoutText([{ text }], 400, fonts, measure))
        for (const run of line.runs) {
          const { has, of } = coverage(run.font, run.text);
          expect(has, `${run.font.id} for "${run.text}"`).toBe(of);
        }
    const fontOf = (text: string) =>
      layoutText([{ text }], 400, fonts, measure)[0]!.runs.map((run) => run.font.name);
    expect(fontOf('أمينة')).toEqual(['arabic']);
    expect(fontOf('נועה')).toEqual(['hebrew']);
    expect(fontOf('👨‍👩‍👧')).toEqual(['emoji']);
    expect(fontOf('Zoë')).toEqual(['latin']);
  });

  it('keeps reading order but places right-to-left words from the right', () => {
    const [line] = layoutText([{ text: 'Pat says مرحبا بكم and' }], 400, fonts, measure);
    const words = line!.runs.filter((run) => run.text.trim() !== '');
    expect(words.map((run) => run.text.trim())).toEqual(['Pat says', 'مرحبا', 'بكم', 'and']);
    const x = Object.fromEntries(words.map((run) => [run.text.trim(), run.x]));
    expect(x['بكم']).toBeLessThan(x['مرحبا']!);
    expect(x['Pat says']).toBeLessThan(x['بكم']!);
    expect(x['مرحبا']).toBeLessThan(x['and']!);
    expect(layoutText([{ text: 'سوف تتصل الجدة' }], 400, fonts, measure)[0]!.rightToLeft).toBe(true);
  });

  it('wraps at spaces, cuts a word longer than the line, and keeps blank lines', () => {
    const lines = layoutText([{ text: `${hardTexts.unbroken} short words\n\nafter` }], 140, fonts, measure);
    for (const line of lines) expect(line.width).toBeLessThanOrEqual(140);
    expect(lines.map((line) => line.runs.map((run) => run.text).join('')).join('')).toBe(
      `${hardTexts.unbroken}short wordsafter`,
    );
    expect(lines.at(-2)!.runs).toEqual([]);
  });
});
