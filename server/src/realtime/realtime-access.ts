import { closeCodes, fail, type ParticipantRole, type Result, type ScreenKind } from '@kinboard/shared';
import type { Access } from '../access/access.ts';
import type { ConnectionRefusal } from '../access/connection-identity.ts';
import { roleOnScreen } from '../access/screen-role.ts';
import { atSessionEnd, sessionIdOf } from '../access/staff-sessions.ts';
import { participantView } from '../http/views.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import {
  meetingRoom,
  staffRoom,
  type KinboardServer,
  type KinboardSocket,
  type SocketData,
} from './sockets.ts';

// While REQUIRE_SIGN_IN=false (loopback only [ACCESS18]), a screen's kind stands in for
// its role. With it on, the role is the signed-in or admitted person's [ACCESS17].
const provisionalRoleOfScreen: Record<ScreenKind, ParticipantRole> = {
  chair: 'staff',
  projector: 'projector',
  phone: 'family',
};

export type Entry =
  | { kind: 'refused'; result: Result<never> }
  | { kind: 'in'; data: Omit<SocketData, 'meetingId'> & { role: ParticipantRole } };

/** The same person with the same role; `null` (how Redis gives back an absent field) is absent. */
function sameEntry(was: SocketData, now: Omit<SocketData, 'meetingId'>): boolean {
  return (
    was.role === now.role &&
    (was.staffId ?? undefined) === (now.staffId ?? undefined) &&
    (was.participantId ?? undefined) === (now.participantId ?? undefined) &&
    Boolean(was.lowered) === Boolean(now.lowered)
  );
}

/** What a refused connection is told, by close code: the same reasons as the sync endpoint's. */
function refusalResult(refusal: ConnectionRefusal): Result<never> {
  switch (refusal.closeCode) {
    case closeCodes.notAdmitted:
      return fail('not-admitted', 'You have not been let in to this meeting yet.');
    case closeCodes.forbidden:
      return fail('forbidden', 'You do not have access to this meeting.');
    case closeCodes.unknownDocument:
      return fail('not-found', 'There is no meeting with that link.');
    case closeCodes.meetingClosed:
      return fail('not-found', 'This meeting has finished.');
  }
}

/**
 * Access for socket.io [ACCESS17]: who enters a meeting and with which role, the staff screens
 * that hear the lobby, and the sockets to tell and disconnect when access changes.
 */
export class RealtimeAccess {
  readonly #io: KinboardServer;
  readonly #access: Access;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #requireSignIn: boolean;
  /** Counts access events, so an entry decided while one happened is decided again. */
  changes = 0;

  constructor(options: {
    io: KinboardServer;
    access: Access;
    store: Store;
    log: Logger;
    requireSignIn: boolean;
  }) {
    this.#io = options.io;
    this.#access = options.access;
    this.#store = options.store;
    this.#log = options.log;
    this.#requireSignIn = options.requireSignIn;
    const { events } = options.access;
    for (const event of [
      'meeting-closed',
      'participant-changed',
      'staff-disabled',
      'staff-session-ended',
    ] as const)
      events.on(event, () => this.changes++);
    const failed = (error: unknown) => this.#log.error({ err: error }, 'could not apply an access change');
    events.on('meeting-closed', ({ meetingId }) => this.#meetingClosed(meetingId, events.relayed));
    events.on('participant-changed', (change) =>
      this.#participantChanged(change, events.relayed).catch(failed),
    );
    events.on('staff-disabled', ({ staffId }) => {
      for (const socket of this.#sockets()) if (socket.data.staffId === staffId) socket.disconnect(true);
    });
    // Signed out, or logged out at the identity provider [IDENT6]: every socket holding that
    // session's cookie, whether or not it entered a meeting.
    events.on('staff-session-ended', ({ sessionId }) => {
      for (const socket of this.#sockets())
        if (sessionIdOf(socket.handshake.headers) === sessionId) {
          socket.data = {};
          socket.disconnect(true);
        }
    });
  }

  /**
   * With sign-in required, a socket needs a staff session or a guest pass to stay connected; a
   * staff socket is disconnected when its session reaches its hard end [IDENT5].
   */
  async mayConnect(socket: KinboardSocket): Promise<boolean> {
    const headers = socket.handshake.headers;
    const signedIn = await this.#access.sessions.resolveSession(headers, Date.now());
    if (signedIn) {
      const cancel = atSessionEnd(signedIn.hardEnd, () => {
        socket.data = {};
        socket.disconnect(true);
      });
      socket.once('disconnect', cancel);
      return true;
    }
    if (!this.#requireSignIn) return true;
    return (await this.#access.guestOf(headers)) !== undefined;
  }

  /** Who enters the meeting, and as what; a declared projector screen only lowers the role. */
  async identify(socket: KinboardSocket, meetingId: string, screen: ScreenKind): Promise<Entry> {
    const identity = await this.#access.resolveConnectionIdentity(socket.handshake.headers, meetingId);
    if (!this.#requireSignIn)
      return {
        kind: 'in',
        data: {
          role: provisionalRoleOfScreen[screen],
          // Signed-in staff with access still hear the lobby while sign-in is optional.
          staffId: identity.kind === 'staff' ? identity.staffId : undefined,
        },
      };
    if (identity.kind === 'refused') return { kind: 'refused', result: refusalResult(identity) };
    const role = roleOnScreen(identity.role, screen);
    return {
      kind: 'in',
      data: {
        role,
        staffId: identity.kind === 'staff' ? identity.staffId : undefined,
        participantId: identity.kind === 'guest' ? identity.participantId : undefined,
        lowered: role !== identity.role,
      },
    };
  }

  /** Every entry of a known person is on the record before the meeting's state is sent [ACCESS16]. */
  async recordEntry(socket: KinboardSocket, familyId: string): Promise<void> {
    const { staffId, participantId, meetingId, role } = socket.data;
    if (!staffId && !participantId) return;
    await this.#access.audit.record({
      actorKind: staffId ? 'staff' : 'participant',
      actorId: staffId ?? participantId,
      action: 'connection.opened',
      familyId,
      meetingId,
      detail: { channel: 'realtime', role },
    });
  }

  /**
   * A recovered socket, decided again as `meeting:enter` would decide it now [ACCESS21]: the same
   * person, still let in, with the same role, to a meeting still running. Then it keeps its rooms
   * (and its entry is on the record again); otherwise it keeps nothing of its session, and the
   * screen enters again like a new one, getting its current role or its refusal.
   */
  async keepsRecoveredEntry(socket: KinboardSocket): Promise<boolean> {
    let decidedAt: number;
    let kept: boolean;
    do {
      decidedAt = this.changes;
      kept = await this.#decideRecovered(socket);
    } while (kept && decidedAt !== this.changes);
    if (!kept) {
      for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
      socket.data = {};
    }
    return kept;
  }

  async #decideRecovered(socket: KinboardSocket): Promise<boolean> {
    const { meetingId, screen } = socket.data;
    if (!meetingId || !screen) return false;
    const entry = await this.identify(socket, meetingId, screen);
    if (entry.kind === 'refused') return false;
    const meeting = await this.#store.getMeeting(meetingId);
    if (!meeting || meeting.state === 'closed') return false;
    if (!sameEntry(socket.data, entry.data)) return false;
    // Read back from Redis, absent fields come as null: the socket carries them as entered.
    socket.data = { meetingId, screen, ...entry.data };
    await this.recordEntry(socket, meeting.familyId);
    return true;
  }

  /** The last word to every screen, then every socket of the meeting is disconnected. */
  #meetingClosed(meetingId: string, relayed: boolean): void {
    // The deciding server's broadcast reaches every server's screens; another's must not repeat it.
    if (!relayed) this.#io.to(meetingRoom(meetingId)).emit('meeting:closed', { meetingId });
    for (const socket of this.#sockets())
      if (socket.data.meetingId === meetingId) {
        socket.data = {};
        socket.disconnect(true);
      }
  }

  async #participantChanged(
    change: {
      meetingId: string;
      participantId: string;
      status: string;
      role?: ParticipantRole | undefined;
    },
    relayed: boolean,
  ): Promise<void> {
    const { meetingId, participantId, status, role } = change;
    for (const socket of this.#sockets()) {
      if (socket.data.participantId !== participantId) continue;
      if (status === 'refused' || status === 'left') {
        socket.data = {};
        socket.disconnect(true);
      } else if (status === 'admitted' && role && !socket.data.lowered) {
        socket.data.role = role;
        socket.emit('participant:role', { meetingId, role });
      }
    }
    if (relayed) return;
    const participant = await this.#store.getParticipant(participantId);
    if (participant?.meetingId === meetingId)
      this.#io.to(staffRoom(meetingId)).emit('lobby:changed', {
        meetingId,
        participant: participantView(participant),
      });
  }

  /**
   * Tells this server's staff screens of the meeting where everyone in its lobby stands (after
   * Redis was away, the changes decided on other servers meanwhile never reached them).
   */
  async resendLobby(meetingId: string): Promise<void> {
    const staffHere = this.#sockets().some(
      (socket) => socket.data.meetingId === meetingId && socket.rooms.has(staffRoom(meetingId)),
    );
    if (!staffHere) return;
    for (const participant of await this.#store.listParticipants(meetingId))
      this.#io.local.to(staffRoom(meetingId)).emit('lobby:changed', {
        meetingId,
        participant: participantView(participant),
      });
  }

  /** This process's sockets; access changes are rare, so a walk over them is cheap enough. */
  #sockets(): KinboardSocket[] {
    return [...this.#io.of('/').sockets.values()];
  }
}
