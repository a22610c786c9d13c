import { exportWords, type ExportPicture } from '@kinboard/shared/export/index';
import type { Store } from '../store/store.ts';

/**
 * A meeting's drawings for its exports [DRAW4]: the latest image of each canvas that has one,
 * in canvas order (genogram, three houses, words and pictures), titled in the exports' words.
 * Drawings are not part of what is agreed, so every version's plan and record show them as they
 * were last drawn.
 */
export async function drawingsForExport(store: Store, meetingId: string): Promise<ExportPicture[]> {
  const images = await store.listDrawingImages(meetingId);
  return images.map((image) => ({ title: exportWords.drawings.titles[image.canvas], png: image.png }));
}
