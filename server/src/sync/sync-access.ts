import type { IncomingHttpHeaders } from 'node:http';
import { closeCodes, type ColumnId, type DocumentName } from '@kinboard/shared';
import type { Access } from '../access/access.ts';
import type { ConnectionIdentity, ConnectionRefusal } from '../access/connection-identity.ts';
import { participantKeyOf, roleOnScreen } from '../access/screen-role.ts';
import { atSessionEnd, sessionIdOf } from '../access/staff-sessions.ts';
import type { Logger } from '../log.ts';
import type { Meeting } from '../store/store.ts';
import type { SyncConnection } from './connection.ts';
import type { Room } from './room.ts';
import type { DecodedUpdate } from './update-guard.ts';
import { judgePlanLock, judgeWrite, type WriteRefusal, type Writer } from './write-permission.ts';

/** A connection that access let in: who it is, for which meeting, and what it may write. */
export interface Admitted {
  kind: 'admitted';
  meetingId: string;
  part: DocumentName['part'];
  staffId: string | undefined;
  guestId: string | undefined;
  writer: Writer;
  /** The upgrade request's headers, to decide again if access changed meanwhile. */
  headers: IncomingHttpHeaders;
  /** The screen declared its role lower (`?screen=projector`); a role change keeps it lowered. */
  lowered: boolean;
  /** The name on record: the staff member's, or the one the guest joined with [ACCESS19]. */
  name: string;
  familyId?: string;
  /** How many access events had happened when the identity was decided. */
  decidedAt: number;
  /** A staff connection closes when its session reaches its hard end [IDENT5]. */
  sessionEndsAt: number | undefined;
  /**
   * The presence others see (the connection's `presence` seam) [ACCESS19]: the state as sent,
   * with `name` and `role` from the record (the role as it is now, after any change by the chair).
   */
  presence(state: Record<string, unknown>): Record<string, unknown>;
  /** Judges each update before it is applied (the connection's `authorise` seam). */
  authorise(decoded: DecodedUpdate, room: Room, update: Uint8Array): WriteRefusal | undefined;
}

export type Admission = Admitted | ConnectionRefusal | { kind: 'failed' };

/**
 * Access for the sync endpoint [ACCESS13]-[ACCESS16]: who a connection is (decided from the
 * upgrade request's cookies before the connection exists, because the participant it writes as
 * is fixed when it is made), what it may write, the audit of each connection, and closing
 * connections whose access ends while they are open.
 */
export class SyncAccess {
  readonly #access: Access;
  readonly #log: Logger;
  readonly #lockedColumns: ((meetingId: string) => readonly ColumnId[]) | undefined;
  readonly #planLocked: ((meetingId: string) => boolean) | undefined;
  readonly #open = new Map<SyncConnection, Admitted>();
  readonly #cancelEnds = new Map<SyncConnection, () => void>();
  /** Counts access events, so an admission decided while one happened is decided again. */
  #changes = 0;

  constructor(
    access: Access,
    log: Logger,
    lockedColumns?: ((meetingId: string) => readonly ColumnId[]) | undefined,
    planLocked?: ((meetingId: string) => boolean) | undefined,
  ) {
    this.#access = access;
    this.#planLocked = planLocked;
    this.#log = log;
    this.#lockedColumns = lockedColumns;
    for (const event of [
      'meeting-closed',
      'participant-changed',
      'staff-disabled',
      'staff-session-ended',
    ] as const)
      access.events.on(event, () => this.#changes++);
    access.events.on('meeting-closed', ({ meetingId }) =>
      this.#closeWhere(
        (admitted) => admitted.meetingId === meetingId,
        closeCodes.meetingClosed,
        'the meeting has closed',
      ),
    );
    access.events.on('participant-changed', ({ participantId, status, role }) => {
      if (status === 'refused' || status === 'left')
        return this.#closeWhere(
          (admitted) => admitted.guestId === participantId,
          closeCodes.notAdmitted,
          'no longer let in',
        );
      if (status !== 'admitted' || !role) return;
      for (const admitted of this.#open.values())
        if (admitted.guestId === participantId && !admitted.lowered) admitted.writer.role = role;
    });
    access.events.on('staff-disabled', ({ staffId }) =>
      this.#closeWhere((admitted) => admitted.staffId === staffId, closeCodes.notAdmitted, 'signed out'),
    );
    // Signed out, or logged out at the identity provider [IDENT6]: that session's connections only.
    access.events.on('staff-session-ended', ({ staffId, sessionId }) =>
      this.#closeWhere(
        (admitted) => admitted.staffId === staffId && sessionIdOf(admitted.headers) === sessionId,
        closeCodes.notAdmitted,
        'signed out',
      ),
    );
  }

  /** Who the upgrade request is for this document; `screen` is the `?screen=` the client declared. */
  async admit(headers: IncomingHttpHeaders, name: DocumentName, screen: string | null): Promise<Admission> {
    const decidedAt = this.#changes;
    let identity;
    let recordedName: string | undefined;
    try {
      identity = await this.#access.resolveConnectionIdentity(headers, name.meetingId);
      if (identity.kind === 'refused') return identity;
      recordedName = await this.#nameOf(identity);
    } catch (error) {
      this.#log.error({ err: error }, 'could not decide who a sync connection is');
      return { kind: 'failed' };
    }
    if (recordedName === undefined) return { kind: 'failed' };
    const writer: Writer = {
      participant: participantKeyOf(identity),
      role: roleOnScreen(identity.role, screen),
    };
    const admitted: Admitted = {
      kind: 'admitted',
      meetingId: name.meetingId,
      part: name.part,
      staffId: identity.kind === 'staff' ? identity.staffId : undefined,
      guestId: identity.kind === 'guest' ? identity.participantId : undefined,
      writer,
      headers,
      lowered: writer.role !== identity.role,
      name: recordedName,
      decidedAt,
      sessionEndsAt: identity.kind === 'staff' ? identity.sessionEndsAt : undefined,
      presence: (state) => ({ ...state, name: admitted.name, role: writer.role }),
      authorise: (decoded, room, update) => {
        const locked = this.#lockedColumns?.(admitted.meetingId) ?? [];
        // While the plan is agreed or being agreed, nobody edits its content, the chair included [PLAN3].
        const planLock = this.#planLocked?.(admitted.meetingId)
          ? judgePlanLock(decoded, room.doc, room.part, update)
          : undefined;
        const refusal = planLock ?? judgeWrite(decoded, room.doc, room.part, writer, locked);
        if (refusal) this.#record(admitted, 'board.write-refused', { reason: refusal.reason });
        return refusal;
      },
    };
    return admitted;
  }

  /** The name on record for an identity; none if the record is gone. */
  async #nameOf(identity: ConnectionIdentity): Promise<string | undefined> {
    const store = this.#access.store;
    if (identity.kind === 'staff') return (await store.getStaff(identity.staffId))?.name;
    return (await store.getParticipant(identity.participantId))?.name;
  }

  /** From the moment the connection exists, it is closed when its access ends. */
  track(connection: SyncConnection, admitted: Admitted): void {
    this.#open.set(connection, admitted);
    const end = () =>
      this.#closeWhere((each) => each === admitted, closeCodes.notAdmitted, 'your sign-in has ended');
    this.#cancelEnds.set(connection, atSessionEnd(admitted.sessionEndsAt, end));
  }

  /**
   * Just before the connection joins its document: decided again if access changed while it
   * was being decided (the chair closed the meeting or turned the guest away in that instant),
   * then put on the record before anything of the document is sent [ACCESS16]. A connection
   * that cannot be recorded is not served (throws).
   */
  async opened(admitted: Admitted, meeting: Meeting): Promise<ConnectionRefusal | undefined> {
    admitted.familyId = meeting.familyId;
    if (admitted.decidedAt !== this.#changes) {
      const headers = admitted.headers;
      const again = await this.#access.resolveConnectionIdentity(headers, admitted.meetingId);
      if (again.kind === 'refused') return again;
      if (!admitted.lowered) admitted.writer.role = again.role;
    }
    await this.#entry(admitted, 'connection.opened', {});
    return undefined;
  }

  closed(connection: SyncConnection): void {
    this.#open.delete(connection);
    this.#cancelEnds.get(connection)?.();
    this.#cancelEnds.delete(connection);
  }

  #record(admitted: Admitted, action: 'board.write-refused', detail: { reason: string }): void {
    this.#entry(admitted, action, detail).catch((error: unknown) =>
      this.#log.error({ err: error, action }, 'could not write an audit entry'),
    );
  }

  #entry(
    admitted: Admitted,
    action: 'connection.opened' | 'board.write-refused',
    detail: { reason?: string },
  ): Promise<void> {
    return this.#access.audit.record({
      actorKind: admitted.staffId ? 'staff' : 'participant',
      actorId: admitted.staffId ?? admitted.guestId,
      action,
      familyId: admitted.familyId,
      meetingId: admitted.meetingId,
      detail: { channel: 'sync', document: admitted.part, role: admitted.writer.role, ...detail },
    });
  }

  #closeWhere(matches: (admitted: Admitted) => boolean, code: number, reason: string): void {
    for (const [connection, admitted] of [...this.#open])
      if (matches(admitted)) {
        this.#open.delete(connection);
        connection.close(code, reason);
      }
  }
}
