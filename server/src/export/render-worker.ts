/**
 * The work that leaves the event loop [EXPORT4]: run in the render pool's worker threads, never
 * on the thread that relays a meeting's edits. Each function is one task; its argument and
 * result cross the thread boundary by structured clone.
 */
import type { ExportDocument } from '@kinboard/shared/export/index';
import { renderDocx } from './docx-export.ts';
import { drawingPngProblem, type DrawingPngProblem } from './drawing-png.ts';
import { renderPdf, type PdfOptions } from './pdf-export.ts';

export async function pdf(task: { document: ExportDocument; options: PdfOptions }): Promise<Uint8Array> {
  return renderPdf(task.document, task.options);
}

export async function docx(task: { document: ExportDocument }): Promise<Uint8Array> {
  return renderDocx(task.document);
}

export function pngProblem(task: { png: Uint8Array }): DrawingPngProblem | undefined {
  return drawingPngProblem(task.png);
}
