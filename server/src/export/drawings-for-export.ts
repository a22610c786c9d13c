import { drawingCanvasTitles } from '@kinboard/shared';
import type { Store } from '../store/store.ts';

/** One drawing as the PDF export takes it: its title and its latest image. */
export interface DrawingForExport {
  title: string;
  png: Uint8Array;
}

/**
 * A meeting's drawings for its exports [DRAW4]: the latest image of each canvas that has one,
 * in canvas order (genogram, three houses, words and pictures), titled in English.
 */
export async function drawingsForExport(store: Store, meetingId: string): Promise<DrawingForExport[]> {
  const images = await store.listDrawingImages(meetingId);
  return images.map((image) => ({ title: drawingCanvasTitles[image.canvas], png: image.png }));
}
