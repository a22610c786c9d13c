/**
 * Test support: exports read back the way a person's tools would, so specs assert on what is
 * in the file, not on what we meant to write. PDFs through pdf.js (text with its position on the
 * page), Word through mammoth (which turns real Heading styles into <h1> and real lists into
 * <ol>/<ul>, and plain paragraphs into <p>), and a Word file's parts through JSZip.
 */
import { strFromU8, unzipSync } from 'fflate';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';

export interface PdfText {
  str: string;
  x: number;
  /** The baseline, from the bottom of the page. */
  y: number;
  width: number;
  height: number;
}

export interface ReadPdf {
  pages: {
    width: number;
    height: number;
    items: PdfText[];
    images: number;
    roles: string[];
    /** Marked content opened and closed on the page (BDC/BMC and EMC): equal in a well-formed PDF. */
    marks: { opened: number; closed: number };
  }[];
  /** Every page's text in the order it was drawn, joined, without the page numbers. */
  text: string;
}

export async function readPdf(bytes: Uint8Array): Promise<ReadPdf> {
  const { OPS } = await getResolvedPDFJS();
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const pages: ReadPdf['pages'] = [];
  for (let number = 1; number <= pdf.numPages; number += 1) {
    const page = await pdf.getPage(number);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const items = content.items.flatMap((item) =>
      'str' in item && item.str.trim() !== ''
        ? [
            {
              str: item.str,
              x: item.transform[4] as number,
              y: item.transform[5] as number,
              width: item.width,
              height: item.height,
            },
          ]
        : [],
    );
    const operators = await page.getOperatorList();
    const images = operators.fnArray.filter((op) => op === OPS.paintImageXObject).length;
    const marks = {
      opened: operators.fnArray.filter(
        (op) => op === OPS.beginMarkedContent || op === OPS.beginMarkedContentProps,
      ).length,
      closed: operators.fnArray.filter((op) => op === OPS.endMarkedContent).length,
    };
    // The tags a screen reader walks on this page, depth first: Document, H1, P, L, LI, Lbl...
    const roles: string[] = [];
    const walk = (node: unknown) => {
      const { role, children } = node as { role?: string; children?: unknown[] };
      if (role && role !== 'Root') roles.push(role);
      for (const child of children ?? []) walk(child);
    };
    walk(await page.getStructTree());
    pages.push({ width, height, items, images, roles, marks });
  }
  await pdf.loadingTask.destroy();
  // The page numbers are drawn last on each page; leave them out of the running text.
  const running = (item: PdfText) => !/^Page \d+ of \d+$/.test(item.str);
  return {
    pages,
    text: pages.flatMap((page) => page.items.filter(running).map((item) => item.str)).join(' '),
  };
}

export async function readDocx(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.convertToHtml(
    { buffer: Buffer.from(bytes) },
    { styleMap: ["p[style-name='Title'] => h1.title:fresh"] },
  );
  return value;
}

/** Text as compared: no whitespace, since wrapping and list markup move it. */
export const squeeze = (text: string): string => text.replace(/\s+/g, '');

/**
 * Where each text is found in `haystack`, each after the one before; fails naming the first
 * that is missing or out of order.
 */
export function positionsInOrder(haystack: string, needles: readonly string[]): number[] {
  const squeezed = squeeze(haystack);
  const positions: number[] = [];
  let from = 0;
  for (const needle of needles) {
    const at = squeezed.indexOf(squeeze(needle), from);
    if (at < 0) {
      const anywhere = squeezed.indexOf(squeeze(needle));
      throw new Error(
        anywhere < 0
          ? `missing: ${needle.slice(0, 80)}`
          : `out of order: ${needle.slice(0, 80)} (found earlier, at ${anywhere})`,
      );
    }
    positions.push(at);
    from = at + squeeze(needle).length;
  }
  return positions;
}

/** The pictures inside a Word file, as Word finds them: media parts, image relationships, each drawing's alt text and size. */
export interface DocxPictures {
  /** Files under word/media/. */
  media: string[];
  /** Relationships from the document to an image part. */
  imageRelationships: number;
  /** Each inline drawing's description (alternative text), in document order. */
  altTexts: string[];
  /** Each inline drawing's size on the page, in EMUs (914,400 to the inch). */
  extents: { width: number; height: number }[];
}

export async function readDocxPictures(bytes: Uint8Array): Promise<DocxPictures> {
  const zip = await JSZip.loadAsync(bytes);
  const document = (await zip.file('word/document.xml')?.async('string')) ?? '';
  const relationships = (await zip.file('word/_rels/document.xml.rels')?.async('string')) ?? '';
  return {
    media: Object.keys(zip.files).filter((name) => name.startsWith('word/media/')),
    imageRelationships: [...relationships.matchAll(/Type="[^"]*\/relationships\/image"/g)].length,
    altTexts: [...document.matchAll(/<wp:docPr\b[^>]*\bdescr="([^"]*)"/g)].map((match) => match[1]!),
    extents: [...document.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"/g)].map((match) => ({
      width: Number(match[1]),
      height: Number(match[2]),
    })),
  };
}

/** A zip archive's files by path, read back as an archive tool would (fflate). */
export function readZip(bytes: Uint8Array): {
  files: Record<string, Uint8Array>;
  text: (path: string) => string;
} {
  const files = unzipSync(bytes);
  return {
    files,
    text: (path) => {
      const file = files[path];
      if (!file) throw new Error(`the archive has no ${path}: ${Object.keys(files).join(', ')}`);
      return strFromU8(file);
    },
  };
}
