import * as z from 'zod/mini';

/**
 * Why the server closed a connection, mirroring HTTP status numbers in the 4000 range. The web
 * client maps each to a plain sentence and a decision: keep retrying, or stop and say why.
 * Both the sync endpoint and socket.io use this one table.
 */
export const closeCodes = {
  /** The message could not be read (malformed, wrong frame type, truncated). */
  badMessage: 4400,
  /** Not let in: no pass, or a pass for another meeting. */
  notAdmitted: 4401,
  /**
   * Let in, but never allowed to do what was sent (a forged author, another person's Yjs client
   * id, the frame from a guest): something no honest screen sends, so retrying cannot help.
   */
  forbidden: 4403,
  /** No such meeting or document. */
  unknownDocument: 4404,
  /** Too slow to complete a step (authorisation, resync). */
  timedOut: 4408,
  /**
   * Sent edits that depend on edits the server does not have (a gap in a client's sequence); they
   * were dropped. Reconnecting runs the sync again, which sends the missing edits too.
   */
  outOfSync: 4409,
  /** The meeting has closed; its documents are no longer shared. */
  meetingClosed: 4410,
  /** A message or the document grew past its limit. */
  tooLarge: 4413,
  /**
   * One edit refused because of a state that changes during a meeting: the plan locked while it
   * is agreed, a column the chair locked, a card that is not the writer's, a role the chair made
   * read-only. Nothing of it was applied, stored or relayed; the close reason says which
   * (`refusedEditReasonSchema`). The screen drops its copy of that one document (the refused edit
   * is only there) and reconnects with a fresh one. Stock y-websocket clients stop on it, as on
   * any 44xx code, so none of them sends the refused edit again and again.
   */
  refusedEdit: 4423,
  /**
   * The staff session this connection rested on has ended: signed out, idle or maximum time
   * reached, password changed, account disabled or role lowered. Sign in again.
   */
  sessionEnded: 4440,
  /**
   * The guest pass opened more simultaneous screens of this kind than it may; this, the oldest,
   * was closed. Not retried: it would close the newer screen in turn.
   */
  replaced: 4441,
  /** The client speaks an older protocol and must reload. */
  tooOld: 4426,
  /** Too many messages or connections. */
  tooMany: 4429,
  /** The server failed; it is safe to retry. */
  serverError: 4500,
  /** The server is restarting or its store is unavailable; retry shortly. */
  unavailable: 4503,
} as const;

export type CloseCodeName = keyof typeof closeCodes;
export type CloseCode = (typeof closeCodes)[CloseCodeName];

/** The transport's own code for a frame over the size limit (RFC 6455). */
export const messageTooBig = 1009;

/** Whether a client that was closed with this code should try again by itself. */
export function shouldRetry(code: number): boolean {
  switch (code) {
    case closeCodes.notAdmitted:
    case closeCodes.forbidden:
    case closeCodes.unknownDocument:
    case closeCodes.meetingClosed:
    case closeCodes.tooLarge:
    case closeCodes.tooOld:
    case closeCodes.badMessage:
    case closeCodes.sessionEnded:
    case closeCodes.replaced:
    case messageTooBig:
      return false;
    case closeCodes.refusedEdit:
      // Only with a fresh copy of the document (`startsAfresh`): the old one holds the refused edit.
      return true;
    default:
      // Normal closes, network drops (1006), restarts (1001, 1012, 4503) and timeouts retry.
      return true;
  }
}

/** Whether a client must drop its copy of the document before it reconnects. */
export function startsAfresh(code: number): boolean {
  return code === closeCodes.refusedEdit;
}

/**
 * Why an edit was refused with `refusedEdit`, carried as the close reason so the screen can say
 * it plainly. Each is a state the chair or the meeting can change.
 */
export const refusedEditReasons = [
  'planLocked',
  'columnLocked',
  'notYourCard',
  'readOnly',
  'notSaving',
] as const;
export const refusedEditReasonSchema = z.enum(refusedEditReasons);
export type RefusedEditReason = z.infer<typeof refusedEditReasonSchema>;

export function closeCodeName(code: number): CloseCodeName | undefined {
  return (Object.keys(closeCodes) as CloseCodeName[]).find((name) => closeCodes[name] === code);
}
