import * as z from 'zod/mini';
import { maxDrawingImageBytes } from '../drawing/drawing-canvas.ts';

/**
 * PUT /api/meetings/:id/drawings/:canvas/image: the drawing page sends a PNG of the canvas after
 * edits, for exports [DRAW4]. Base64 in JSON, like every other body the API reads; the server
 * checks the PNG signature and the size once decoded.
 */
export const drawingImageUploadSchema = z.strictObject({
  png: z.base64().check(z.maxLength(Math.ceil(maxDrawingImageBytes / 3) * 4)),
});
export type DrawingImageUpload = z.infer<typeof drawingImageUploadSchema>;

/** GET /api/drawings/settings: what the drawing page needs from the server's configuration. */
export const drawingSettingsSchema = z.strictObject({
  /** TLDRAW_LICENSE_KEY, or null when none is configured (fine on localhost, not on https). */
  licenseKey: z.nullable(z.string()),
});
export type DrawingSettings = z.infer<typeof drawingSettingsSchema>;

/**
 * GET /api/meetings/:id/drawings/people: the family's children and network, for placing on the
 * genogram. A placed shape carries the person's `key` in its meta, so it stays linked to the
 * entry. Names and how they know the child only: never contact details.
 */
export const drawingPersonSchema = z.strictObject({
  key: z.string().check(z.regex(/^(child|network):[A-Za-z0-9_-]{1,64}$/)),
  kind: z.enum(['child', 'network']),
  name: z.string(),
  relationship: z.string(),
});
export type DrawingPerson = z.infer<typeof drawingPersonSchema>;
export const drawingPeopleSchema = z.strictObject({ people: z.array(drawingPersonSchema) });
export type DrawingPeople = z.infer<typeof drawingPeopleSchema>;
