import PDFDocument from 'pdfkit';
import {
  exportWordsIn,
  type ExportDocument,
  type ExportItem,
  type ExportPicture,
  type ExportSection,
} from '@kinboard/shared/export/index';
import { exportFonts, type LoadedFont } from './fonts.ts';
import { pngSize } from './png-size.ts';
import { layoutText, type Line, type Span } from './text-runs.ts';

export interface PdfOptions {
  /** Shrink the type (down to 10 points) to keep it on one page, if it can be: "my part". */
  onePage?: boolean;
  /** A4 (the default) or a phone-sized page. */
  layout?: PageLayout;
}

// pdfkit types `features` as a list of tags to turn on; fontkit also takes a map that turns some off.
const featuresOf = (font: LoadedFont) =>
  font.features ? { features: font.features as unknown as PDFKit.Mixins.OpenTypeFeatures[] } : {};

/**
 * Gives a new document the fonts already parsed for earlier ones. pdfkit parses a font from its
 * bytes for every document, and reading a font's layout tables costs 40-80 ms each time, most
 * of a small PDF's time; fontkit fonts hold no per-document state, so one parse serves all. This
 * uses pdfkit internals (its per-document font table and its embedded-font class, taken from the
 * first font it opened the ordinary way); the specs render and read back PDFs, so a pdfkit
 * release that changes them fails there, not in a family's hands.
 */
type FontTable = {
  _fontFamilies: Record<string, unknown>;
  _fontCount: number;
  _font: { constructor: unknown };
};
type EmbeddedFontClass = new (document: PDFKit.PDFDocument, font: unknown, id: string) => unknown;
let EmbeddedFont: EmbeddedFontClass | undefined;

function useParsedFonts(pdf: PDFKit.PDFDocument, fonts: readonly LoadedFont[]): void {
  const internals = pdf as unknown as FontTable;
  if (!EmbeddedFont) {
    pdf.registerFont(fonts[0]!.id, fonts[0]!.bytes).font(fonts[0]!.id);
    EmbeddedFont = internals._font.constructor as EmbeddedFontClass;
  }
  for (const font of fonts) {
    // fontkit keeps each glyph with the characters it was first drawn for, and pdfkit names a
    // glyph's text (what copying or a screen reader gets) from those: a glyph first reached
    // through another document's substitution then read as the wrong letters or none ("cynll n"
    // for "cynllun"). Each document starts with fresh glyphs.
    (font.font as unknown as { _glyphs: Record<number, unknown> })._glyphs = {};
  }
  for (const font of fonts)
    if (!internals._fontFamilies[font.id])
      internals._fontFamilies[font.id] = new EmbeddedFont(pdf, font.font, `F${++internals._fontCount}`);
}

const languageOf: Partial<Record<LoadedFont['name'], string>> = { arabic: 'ar', hebrew: 'he' };

/**
 * The pages a PDF is laid out on, in points. A4 with margins wide enough for any printer and a
 * hole punch; and a phone's page (about 10 by 18 cm, narrow margins), on which the same 14-point
 * type fills the width of a phone screen without zooming, so a family member reads it where they
 * received it.
 */
export type PageLayout = 'a4' | 'phone';
export const pageLayouts: Readonly<Record<PageLayout, { width: number; height: number; margin: number }>> = {
  a4: { width: 595.28, height: 841.89, margin: 56 },
  phone: { width: 288, height: 512, margin: 20 },
};
const footerSpace = 28;
const fullSizes = { title: 24, heading: 18, body: 14, small: 11 };
type Sizes = typeof fullSizes;
/** The body sizes a one-page sheet may shrink to, largest first: never below 10 points. */
const onePageBodies = [14, 12, 11, 10];
const leading = 1.35;

/**
 * Draws an export document as a PDF: large type, one column, headings kept with what follows
 * them, nothing past the margins (lines are wrapped and placed here, not by pdfkit, so text in
 * several scripts and directions can share a line). Reads well printed on A4 and zoomed on a phone.
 */
export async function renderPdf(document: ExportDocument, options: PdfOptions = {}): Promise<Buffer> {
  if (!options.onePage) return (await drawPdf(document, options, fullSizes)).bytes;
  let drawn: { bytes: Buffer; pages: number } | undefined;
  for (const body of onePageBodies) {
    const scale = body / fullSizes.body;
    drawn = await drawPdf(document, options, {
      title: fullSizes.title * scale,
      heading: fullSizes.heading * scale,
      body,
      small: fullSizes.small,
    });
    if (drawn.pages === 1) break;
  }
  return drawn!.bytes;
}

async function drawPdf(
  document: ExportDocument,
  options: PdfOptions,
  sizes: Sizes,
): Promise<{ bytes: Buffer; pages: number }> {
  const fonts = exportFonts();
  // The file's own language: its metadata, page numbers and notes [LANG12].
  const words = exportWordsIn(document.language);
  const { width: pageWidth, height: pageHeight, margin } = pageLayouts[options.layout ?? 'a4'];
  const contentWidth = pageWidth - 2 * margin;
  const bottom = pageHeight - margin - footerSpace;
  const pdf = new PDFDocument({
    size: [pageWidth, pageHeight],
    margins: { top: margin, bottom: margin, left: margin, right: margin },
    bufferPages: true,
    // Tagged (headings, paragraphs, lists, figures), so screen readers and phone readers that
    // reflow a PDF read it in order; page numbers are marked as page furniture.
    tagged: true,
    pdfVersion: '1.7',
    lang: words.language,
    displayTitle: true,
    info: { Title: document.title, Creator: 'Kinboard' },
  });
  useParsedFonts(pdf, [...fonts.regular, ...fonts.bold]);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => pdf.on('end', resolve));

  const root = pdf.struct('Document');
  pdf.addStructure(root);
  const parents: PDFKit.PDFStructureElement[] = [root];
  /** A structure element holding what `draw` puts on the page (drawn now, in order). */
  const tagged = (type: string, draw: () => void, options: PDFKit.Mixins.StructureElementOptions = {}) =>
    parents.at(-1)!.add(pdf.struct(type, options, draw));
  /** A structure element whose children are tagged inside `fill`. */
  const group = (type: string, fill: () => void) => {
    const element = pdf.struct(type);
    parents.at(-1)!.add(element);
    parents.push(element);
    fill();
    parents.pop();
    element.end();
  };

  let y = margin;
  const measureAt = (size: number) => (font: LoadedFont, text: string) =>
    pdf.font(font.id).fontSize(size).widthOfString(text, featuresOf(font));

  const linesOf = (spans: Span[], size: number, width: number) =>
    layoutText(spans, width, fonts, measureAt(size));

  /**
   * Wraps the text and, if its first lines (and `keepWithNext` points after them) would not fit,
   * starts a new page now, before its tag opens; returns what draws it, a new page whenever the
   * next line would pass the bottom.
   */
  const write = (spans: Span[], size: number, indent = 0, keepWithNext = 0) => {
    const width = contentWidth - indent;
    const lineHeight = size * leading;
    const lines = linesOf(spans, size, width);
    if (y + Math.min(lines.length, 2) * lineHeight + keepWithNext > bottom && y > margin) newPage();
    return () => drawLines(lines, size, indent, width);
  };
  const drawLines = (lines: Line[], size: number, indent: number, width: number) => {
    const lineHeight = size * leading;
    for (const line of lines) {
      if (y + lineHeight > bottom) newPage();
      const left = margin + indent + (line.rightToLeft ? width - line.width : 0);
      for (const run of line.runs) {
        // Arabic and Hebrew words say which language they are, so a screen reader voices them so.
        const lang = languageOf[run.font.name];
        if (lang) pdf.markContent('Span', { lang });
        // On a common baseline: the fonts' ascents differ (Arabic's is taller), their baselines must not.
        pdf
          .font(run.font.id)
          .fontSize(size)
          .text(run.text, left + run.x, y + size, {
            lineBreak: false,
            baseline: 'alphabetic',
            ...featuresOf(run.font),
          });
        if (lang) pdf.endMarkedContent();
      }
      y += lineHeight;
    }
  };
  const newPage = () => {
    // Not addPage: continueOnNewPage closes the open tag on this page and reopens it on the next.
    (pdf as PDFKit.PDFDocument & { continueOnNewPage(): void }).continueOnNewPage();
    y = margin;
  };
  const gap = (points: number) => {
    y = Math.min(y + points, bottom);
  };

  const drawItem = (entry: ExportItem, marker: string) => {
    const indent = 28;
    const lineHeight = sizes.body * leading;
    if (y + lineHeight * 2 > bottom) newPage();
    group('LI', () => {
      tagged('Lbl', () =>
        pdf
          .font(fonts.bold[0]!.id)
          .fontSize(sizes.body)
          .text(marker, margin, y + sizes.body, { lineBreak: false, baseline: 'alphabetic' }),
      );
      group('LBody', () => {
        tagged('P', write([{ text: entry.text }], sizes.body, indent));
        for (const detail of entry.details)
          tagged(
            'P',
            write(
              [{ text: `${detail.label}: `, bold: true }, { text: detail.text }],
              sizes.body,
              indent + 12,
            ),
          );
      });
    });
    gap(8);
  };

  /** Each picture under its title, scaled down to fit the page, tagged as a figure with the title as its alternative text. */
  const drawPicture = (picture: ExportPicture) => {
    if (!picture.png) {
      tagged('P', write([{ text: picture.title }], sizes.body));
      tagged('P', write([{ text: words.drawings.unreadable }], sizes.body));
      gap(12);
      return;
    }
    const png = picture.png;
    const image = pngSize(png);
    const scale = Math.min(1, contentWidth / image.width, (bottom - margin - 40) / image.height);
    const height = image.height * scale;
    tagged('P', write([{ text: picture.title }], sizes.body, 0, height + 8));
    if (y + height > bottom) newPage();
    tagged('Figure', () => pdf.image(Buffer.from(png), margin, y, { width: image.width * scale, height }), {
      alt: picture.title,
    });
    y += height + 12;
  };

  const drawSection = (section: ExportSection) => {
    gap(10);
    // A heading stays with the start of what follows it: two lines of text, or most of a picture.
    const keep = section.blocks[0]?.kind === 'pictures' ? 200 : sizes.body * leading * 2;
    tagged('H2', write([{ text: section.heading, bold: true }], sizes.heading, 0, keep));
    gap(4);
    for (const block of section.blocks) {
      if (block.kind === 'paragraph') {
        tagged('P', write([{ text: block.text }], sizes.body));
        gap(8);
      } else if (block.kind === 'pictures') block.pictures.forEach(drawPicture);
      else
        group('L', () =>
          block.items.forEach((entry, index) => drawItem(entry, block.numbered ? `${index + 1}.` : '•')),
        );
    }
  };

  tagged('H1', write([{ text: document.title, bold: true }], sizes.title));
  gap(4);
  for (const line of document.lines) tagged('P', write([{ text: line }], sizes.body));
  for (const section of document.sections) drawSection(section);

  root.end();
  const range = pdf.bufferedPageRange();
  for (let index = 0; index < range.count; index += 1) {
    pdf.switchToPage(range.start + index);
    const label = words.pageOf(index + 1, range.count);
    pdf.font(fonts.regular[0]!.id).fontSize(sizes.small);
    const width = pdf.widthOfString(label);
    pdf.markContent('Artifact', { type: 'Pagination' });
    pdf.text(label, pageWidth - margin - width, pageHeight - margin - sizes.small * leading, {
      lineBreak: false,
    });
    pdf.endMarkedContent();
  }
  pdf.end();
  await ended;
  return { bytes: Buffer.concat(chunks), pages: range.count };
}
