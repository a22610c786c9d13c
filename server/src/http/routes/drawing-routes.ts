import {
  drawingCanvasSchema,
  mayDraw,
  maxDrawingImageBytes,
  maxDrawingImageSide,
  meetingIdSchema,
} from '@kinboard/shared';
import {
  drawingImageUploadSchema,
  type DrawingPeople,
  type DrawingSettings,
} from '@kinboard/shared/protocol/drawing-image';
import { closeCodes } from '@kinboard/shared/protocol/close-codes';
import { participantKeyOf } from '../../access/screen-role.ts';
import type { ApiContext } from '../api-context.ts';
import { badRequest, forbidden, notFound, ok, Reply, signInNeeded } from '../reply.ts';
import { route } from '../router.ts';

/** The JSON body of an image upload: a base64 PNG of at most maxDrawingImageBytes, and its field. */
export const drawingImageBodyBytes = Math.ceil(maxDrawingImageBytes / 3) * 4 + 1024;

/**
 * PUT /api/meetings/:id/drawings/:canvas/image: keeps the PNG as the canvas's latest image, for
 * exports [DRAW4]. Only someone who may draw on that canvas may send one: the same identity and
 * role as the drawing's sync connection (staff with access to the family, admitted guests but
 * observers), so an export never shows a picture nobody in the meeting could have drawn.
 */
async function saveImage(context: ApiContext): Promise<Reply> {
  const meetingId = meetingIdSchema.safeParse(context.params['id']);
  const canvas = drawingCanvasSchema.safeParse(context.params['canvas']);
  if (!meetingId.success || !canvas.success) return notFound('There is no such drawing.');
  const writer = await writerOf(context, meetingId.data);
  if (writer instanceof Reply) return writer;
  const body = context.body(drawingImageUploadSchema);
  if (body instanceof Reply) return body;
  const png = new Uint8Array(Buffer.from(body.png, 'base64'));
  if (png.length > maxDrawingImageBytes) return badRequest('That picture is too large.', 'png');
  // Decoded once here (in the render pool, off the event loop [EXPORT4]), so a broken picture is
  // refused now rather than failing every export later.
  const problem = await context.deps.renders.pngProblem(png);
  if (problem === 'too many pixels' || problem === 'no pixels')
    return badRequest(
      `Check png: a picture must be 1 to ${maxDrawingImageSide} pixels each way, and not much more than 4000 by 4000.`,
      'png',
    );
  if (problem) return badRequest('Check png: send a whole PNG image; this one could not be read.', 'png');
  await context.store.saveDrawingImage({
    meetingId: meetingId.data,
    canvas: canvas.data,
    png,
    updatedAt: context.now,
    updatedBy: writer,
  });
  return ok({ canvas: canvas.data, bytes: png.length });
}

/** Who is drawing, as their participant key, if they may draw in this meeting. */
async function writerOf(context: ApiContext, meetingId: string): Promise<string | Reply> {
  const { access, requireSignIn } = context.deps;
  const identity = await access.resolveConnectionIdentity(context.request.headers, meetingId);
  if (identity.kind === 'refused') {
    // Without sign-in (loopback only [ACCESS18]) anyone draws on an existing meeting, as on the board.
    if (!requireSignIn && identity.closeCode === closeCodes.notAdmitted) {
      if (!(await context.store.getMeeting(meetingId))) return notFound('There is no such drawing.');
      return 'anonymous';
    }
    if (identity.closeCode === closeCodes.notAdmitted) return signInNeeded('Join the meeting, or sign in.');
    if (identity.closeCode === closeCodes.unknownDocument) return notFound('There is no such drawing.');
    return forbidden('You have not been let in to this meeting.');
  }
  if (!mayDraw(identity.role)) return forbidden('Your role in this meeting only looks at the drawings.');
  return participantKeyOf(identity);
}

/**
 * GET /api/meetings/:id/drawings/people: the family's children and network, for whoever may
 * draw in the meeting, to place on the genogram [DRAW5]. Names and relationships only.
 */
async function listPeople(context: ApiContext): Promise<Reply> {
  const meetingId = meetingIdSchema.safeParse(context.params['id']);
  if (!meetingId.success) return notFound('There is no such drawing.');
  const writer = await writerOf(context, meetingId.data);
  if (writer instanceof Reply) return writer;
  const meeting = await context.store.getMeeting(meetingId.data);
  const details = meeting && (await context.store.getFamilyDetails(meeting.familyId));
  const people: DrawingPeople['people'] = [
    ...(details?.children ?? []).map((child) => ({
      key: `child:${child.id}`,
      kind: 'child' as const,
      name: child.name,
      relationship: '',
    })),
    ...(details?.network ?? []).map((member) => ({
      key: `network:${member.id}`,
      kind: 'network' as const,
      name: member.name,
      relationship: member.relationship,
    })),
  ];
  return ok({ people } satisfies DrawingPeople);
}

/** GET /api/drawings/settings: the licence key for tldraw, if one is configured (public by design). */
async function showSettings(context: ApiContext): Promise<Reply> {
  const settings: DrawingSettings = { licenseKey: context.deps.tldrawLicenseKey ?? null };
  return ok(settings);
}

export const drawingRoutes = [
  route('PUT', '/api/meetings/:id/drawings/:canvas/image', saveImage, {
    maxBodyBytes: drawingImageBodyBytes,
  }),
  route('GET', '/api/meetings/:id/drawings/people', listPeople),
  route('GET', '/api/drawings/settings', showSettings),
];
