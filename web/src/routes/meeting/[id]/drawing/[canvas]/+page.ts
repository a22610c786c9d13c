import { drawingCanvasSchema, type DrawingCanvas } from '@kinboard/shared';
import { loadMeeting, type MeetingLoad } from '$lib/meeting-info.ts';
import type { PageLoad } from './$types';

// A drawing lives in the browser: a live socket and tldraw, which only ever runs client-side.
export const ssr = false;

export const load: PageLoad = async ({
  params,
  fetch,
}): Promise<MeetingLoad & { canvas: DrawingCanvas | undefined }> => {
  const canvas = drawingCanvasSchema.safeParse(params.canvas);
  return {
    ...(await loadMeeting(params.id, fetch, 'phone')),
    canvas: canvas.success ? canvas.data : undefined,
  };
};
