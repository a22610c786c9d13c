import { drawingCanvasTitles } from '@kinboard/shared';
import type { Store } from '../store/store.ts';
import type { ExportDrawing } from './pdf-export.ts';

/**
 * A meeting's drawings for its exports [DRAW4]: the latest image of each canvas that has one,
 * in canvas order (genogram, three houses, words and pictures), titled in English. Drawings are
 * not part of what is agreed, so every version's plan shows them as they were last drawn.
 */
export async function drawingsForExport(store: Store, meetingId: string): Promise<ExportDrawing[]> {
  const images = await store.listDrawingImages(meetingId);
  return images.map((image) => ({ title: drawingCanvasTitles[image.canvas], png: image.png }));
}
