import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as fontkit from 'fontkit';

/**
 * The fonts a PDF export draws with, bundled from npm so a plan prints the same on every server:
 * Noto Sans (Latin, Greek, Cyrillic and their accents), Noto Sans Arabic and Hebrew, and Noto
 * Emoji (monochrome, so it prints). Each run of text takes the first that has every glyph it
 * needs, so names in any of these scripts never come out as empty boxes.
 */
export type FontName = 'latin' | 'arabic' | 'hebrew' | 'emoji';
export const fontOrder: readonly FontName[] = ['latin', 'arabic', 'hebrew', 'emoji'];

const files: Record<FontName, { regular: string; bold: string }> = {
  latin: {
    regular: '@expo-google-fonts/noto-sans/400Regular/NotoSans_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans/700Bold/NotoSans_700Bold.ttf',
  },
  arabic: {
    regular: '@expo-google-fonts/noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf',
  },
  hebrew: {
    regular: '@expo-google-fonts/noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf',
    bold: '@expo-google-fonts/noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf',
  },
  emoji: {
    regular: '@expo-google-fonts/noto-emoji/400Regular/NotoEmoji_400Regular.ttf',
    bold: '@expo-google-fonts/noto-emoji/700Bold/NotoEmoji_700Bold.ttf',
  },
};

export interface LoadedFont {
  /** The name the PDF registers it under, e.g. `latin-bold`. */
  id: string;
  name: FontName;
  bytes: Buffer;
  font: fontkit.Font;
  /**
   * OpenType features to turn off. Noto Sans Arabic's `ccmp` splits letters into a dotless body
   * and separate dots, and a PDF maps each glyph back to one text character: copied or searched
   * text would lose letters (the body of ج and ح is one glyph). Its precomposed letters look the same.
   */
  features?: Record<string, boolean> | undefined;
}

export type FontSet = Record<'regular' | 'bold', LoadedFont[]>;

let loaded: FontSet | undefined;

/** Read once, on the first export, and kept: about 3 MB. */
export function exportFonts(): FontSet {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const load = (name: FontName, weight: 'regular' | 'bold'): LoadedFont => {
    const bytes = readFileSync(require.resolve(files[name][weight]));
    const font = fontkit.create(bytes);
    if (!('hasGlyphForCodePoint' in font)) throw new Error(`${files[name][weight]} is a font collection`);
    return {
      id: `${name}-${weight}`,
      name,
      bytes,
      font,
      features: name === 'arabic' ? { ccmp: false } : undefined,
    };
  };
  loaded = {
    regular: fontOrder.map((name) => load(name, 'regular')),
    bold: fontOrder.map((name) => load(name, 'bold')),
  };
  return loaded;
}

/** Code points that join or vary a character rather than being drawn: no font needs its own glyph. */
const joiners = new Set([0x200d, 0xfe0e, 0xfe0f, 0x200c, 0x200e, 0x200f]);

/** How many of a grapheme's drawn code points the font has. */
export function coverage(font: LoadedFont, grapheme: string): { has: number; of: number } {
  let has = 0;
  let of = 0;
  for (const char of grapheme) {
    const point = char.codePointAt(0)!;
    if (joiners.has(point)) continue;
    of += 1;
    if (font.font.hasGlyphForCodePoint(point)) has += 1;
  }
  return { has, of };
}
