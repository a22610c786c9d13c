import { drawingCanvases, drawingCanvasSchema } from '@kinboard/shared';
import type { StoreContext } from '../store-context.ts';
import type { DrawingImage } from '../records.ts';

/** Drawings [DRAW4]: the latest image of each of a meeting's canvases, for exports. */
export interface DrawingRecords {
  /** Keeps this image as the canvas's latest, replacing the one before. */
  saveDrawingImage(image: DrawingImage): Promise<void>;
  /** The latest image of each of the meeting's canvases that has one, in canvas order. */
  listDrawingImages(meetingId: string): Promise<DrawingImage[]>;
}

export function drawingRecords({ db }: StoreContext): DrawingRecords {
  return {
    async saveDrawingImage(image) {
      await db
        .insertInto('drawing_image')
        .values({
          meeting_id: image.meetingId,
          canvas: image.canvas,
          png: image.png,
          updated_at: image.updatedAt,
          updated_by: image.updatedBy,
        })
        .onConflict((conflict) =>
          conflict.columns(['meeting_id', 'canvas']).doUpdateSet((eb) => ({
            png: eb.ref('excluded.png'),
            updated_at: eb.ref('excluded.updated_at'),
            updated_by: eb.ref('excluded.updated_by'),
          })),
        )
        .execute();
    },

    async listDrawingImages(meetingId) {
      const rows = await db
        .selectFrom('drawing_image')
        .select(['canvas', 'png', 'updated_at', 'updated_by'])
        .where('meeting_id', '=', meetingId)
        .execute();
      const images: DrawingImage[] = [];
      for (const row of rows) {
        // A canvas no longer known is left out.
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
    },
  };
}
