import * as z from 'zod/mini';

/**
 * The pictures a meeting draws with the family (signs-of-safety.md, "Other tools"): the
 * genogram with its safety circles (who is in the network, who is close), the three houses
 * (good things, worries, dreams: a child's own voice), and the words and pictures story that
 * explains the plan to a child. Each canvas is its own Yjs document, `<meetingId>.drawing-<canvas>`,
 * so a drawing never weighs on the board's documents and can be written by its own roles.
 */
export const drawingCanvases = ['genogram', 'houses', 'story'] as const;
export type DrawingCanvas = (typeof drawingCanvases)[number];
export const drawingCanvasSchema = z.enum(drawingCanvases);

// Exported files name each canvas with `exportWords.drawings.titles` (shared/src/export/export-words.ts).

export const drawingParts = ['drawing-genogram', 'drawing-houses', 'drawing-story'] as const;
export type DrawingPart = (typeof drawingParts)[number];

export function drawingPartOf(canvas: DrawingCanvas): DrawingPart {
  return `drawing-${canvas}`;
}

export function isDrawingPart(part: string): part is DrawingPart {
  return (drawingParts as readonly string[]).includes(part);
}

/**
 * A drawing document's roots. `drawingRecords` maps each tldraw record id to the record as plain
 * JSON (one value per record, replaced whole on change: the last writer of a shape wins, as in
 * tldraw's own sync). `drawingMeta` holds `schema`: the tldraw schema the records were written
 * with, so a later tldraw can migrate them instead of misreading them.
 */
export const drawingRecordsRoot = 'drawingRecords';
export const drawingMetaRoot = 'drawingMeta';
export const drawingSchemaKey = 'schema';

/** The largest drawing image the server keeps for exports (a full canvas PNG is ~100-500 KB). */
export const maxDrawingImageBytes = 4 * 1024 * 1024;

/** The widest or tallest drawing image the server keeps, in pixels: far beyond any screen, yet small enough to decode. */
export const maxDrawingImageSide = 8000;

/** The most pixels a kept drawing image may have: 64 MB once decoded for the export (RGBA). */
export const maxDrawingImagePixels = 16_000_000;

/** Whether bytes start with the PNG signature: the only image format the server keeps. */
export function hasPngSignature(bytes: Uint8Array): boolean {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  return bytes.length > signature.length && signature.every((byte, index) => bytes[index] === byte);
}
