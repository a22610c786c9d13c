import { drawingCanvases, drawingCanvasSchema } from '@kinboard/shared';
import type { DrawingImage } from './store.ts';

export interface DrawingImageRow {
  canvas: string;
  png: Uint8Array;
  updated_at: number;
  updated_by: string;
}

/** Rows of `drawing_image` as the store's type, in canvas order; a canvas no longer known is left out. */
export function drawingImagesInOrder(meetingId: string, rows: readonly DrawingImageRow[]): DrawingImage[] {
  const images: DrawingImage[] = [];
  for (const row of rows) {
    const canvas = drawingCanvasSchema.safeParse(row.canvas);
    if (!canvas.success) continue;
    images.push({
      meetingId,
      canvas: canvas.data,
      // Both drivers hand back a Buffer or a plain view; the store's type is a plain Uint8Array.
      png: new Uint8Array(row.png),
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    });
  }
  return images.sort((a, b) => drawingCanvases.indexOf(a.canvas) - drawingCanvases.indexOf(b.canvas));
}
