import { exportWordsIn, type ExportLanguage, type ExportPicture } from '@kinboard/shared/export/index';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import type { RenderPool } from './render-pool.ts';

/**
 * A meeting's drawings for its exports [DRAW4]: the latest image of each canvas that has one,
 * in canvas order (genogram, three houses, words and pictures), titled in the exports' words.
 * Drawings are not part of what is agreed, so every version's plan and record show them as they
 * were last drawn. An image that cannot be read (kept before uploads were decoded, or damaged in
 * the store) comes without its PNG, is logged, and the export notes it instead of failing.
 */
export async function drawingsForExport(
  store: Store,
  meetingId: string,
  log: Logger,
  renders: Pick<RenderPool, 'pngProblem'>,
  language: ExportLanguage = 'en',
): Promise<ExportPicture[]> {
  const images = await store.listDrawingImages(meetingId);
  // Decoded in the render pool's threads, not on the event loop [EXPORT4].
  const problems = await Promise.all(images.map((image) => renders.pngProblem(image.png)));
  return images.map((image, index) => {
    const title = exportWordsIn(language).drawings.titles[image.canvas];
    const problem = problems[index];
    if (!problem) return { title, png: image.png };
    log.warn(
      { meetingId, canvas: image.canvas, problem },
      'a drawing image cannot be exported; it is left out',
    );
    return { title, png: null };
  });
}
