import { z } from 'zod';
import { maxDrawingImageBytes } from '../drawing/drawing-canvas.ts';

/**
 * PUT /api/meetings/:id/drawings/:canvas/image: the drawing page sends a PNG of the canvas after
 * edits, for exports [DRAW4]. Base64 in JSON, like every other body the API reads; the server
 * checks the PNG signature and the size once decoded.
 */
export const drawingImageUploadSchema = z
  .object({
    png: z.base64().max(Math.ceil(maxDrawingImageBytes / 3) * 4),
  })
  .strict();
export type DrawingImageUpload = z.infer<typeof drawingImageUploadSchema>;

/** GET /api/drawings/settings: what the drawing page needs from the server's configuration. */
export const drawingSettingsSchema = z
  .object({
    /** TLDRAW_LICENSE_KEY, or null when none is configured (fine on localhost, not on https). */
    licenseKey: z.string().nullable(),
  })
  .strict();
export type DrawingSettings = z.infer<typeof drawingSettingsSchema>;
