import {
  fail,
  ok,
  type ClientEventName,
  type ClientEventPayload,
  type Result,
  type ScalingRoundView,
} from '@kinboard/shared';
import { guestParticipantKey, staffParticipantKey } from '@kinboard/shared/access/participant-key';
import { newId } from '../access/secrets.ts';
import type { AuditLog } from '../audit/audit-log.ts';
import type { MeetingNewsChannel } from '../cluster/meeting-news.ts';
import type { Logger } from '../log.ts';
import type { ScalingRoundRecord, Store } from '../store/store.ts';
import { onClientEvent } from './client-event.ts';
import { scalingViewFor } from './scaling-view.ts';
import { meetingRoom, type KinboardServer, type KinboardSocket, type SocketData } from './sockets.ts';

/** The person behind a socket, as answers are keyed: none with sign-in off (ACCESS18). */
function participantKeyOf(data: SocketData): string | undefined {
  if (data.staffId) return staffParticipantKey(data.staffId);
  if (data.participantId) return guestParticipantKey(data.participantId);
  return undefined;
}

const running = (round: ScalingRoundRecord) => round.revealedAt === undefined && round.closedAt === undefined;

/**
 * Scaling rounds over socket.io (server/SPEC.md, SCALE1-). The server holds every number; after
 * each change it sends each screen of the meeting its own view of the round (scaling-view.ts),
 * so a number goes only where it may. Changes to one meeting's round are sent one after another,
 * so no screen is ever left with an older view than the last one sent.
 */
export class ScalingEvents {
  readonly #io: KinboardServer;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #audit: AuditLog;
  readonly #queues = new Map<string, Promise<unknown>>();

  readonly #news: MeetingNewsChannel | undefined;

  constructor(options: {
    io: KinboardServer;
    store: Store;
    log: Logger;
    audit: AuditLog;
    news?: MeetingNewsChannel | undefined;
  }) {
    this.#io = options.io;
    this.#store = options.store;
    this.#log = options.log;
    this.#audit = options.audit;
    this.#news = options.news;
    // Another server changed a round: this one sends its own screens their views, in turn.
    options.news?.on('scaling', ({ meetingId }) => {
      this.#inTurn(meetingId, () => this.#sendLocal(meetingId), { acrossServers: false }).catch(
        (error: unknown) => this.#log.error({ err: error, meetingId }, 'could not send a scaling round'),
      );
    });
  }

  /** Sends this server's screens of the meeting their view again (news may have been lost). */
  resend(meetingId: string): Promise<void> {
    return this.#inTurn(meetingId, () => this.#sendLocal(meetingId), { acrossServers: false });
  }

  /** Listens for the scaling events of one socket. */
  register(socket: KinboardSocket): void {
    this.#on(socket, 'scaling:start', async ({ question, mode }) => {
      const meetingId = socket.data.meetingId!;
      return this.#inTurn(meetingId, async () => {
        const now = Date.now();
        // Starting another question puts a running one away unrevealed [SCALE2].
        const current = await this.#store.latestScalingRound(meetingId);
        if (current && current.closedAt === undefined) await this.#store.closeScalingRound(current.id, now);
        const round: ScalingRoundRecord = {
          id: newId(),
          meetingId,
          question,
          named: mode.named,
          open: mode.open,
          startedAt: now,
          startedBy: socket.data.staffId ?? 'chair',
        };
        await this.#store.startScalingRound(round);
        await this.#send(meetingId);
        return ok(this.#viewOf(round, [], socket.data));
      });
    });

    this.#on(socket, 'scaling:answer', async ({ roundId, value, reason }) => {
      const meetingId = socket.data.meetingId!;
      const participantKey = participantKeyOf(socket.data);
      if (!participantKey)
        return fail('forbidden', 'Answering needs a person: sign in, or join the meeting with its code.');
      return this.#inTurn(meetingId, async () => {
        const round = await this.#store.getScalingRound(roundId);
        if (!round || round.meetingId !== meetingId)
          return fail('not-found', 'That scaling question is not running in this meeting.');
        const name = await this.#nameOf(socket.data);
        const saved = await this.#store.saveScalingAnswer({
          roundId,
          participantKey,
          name,
          role: socket.data.role!,
          value,
          reason: reason.trim(),
          answeredAt: Date.now(),
        });
        if (saved === 'revealed')
          return fail('conflict', 'The numbers have been shown, so answers cannot change any more.');
        if (saved !== 'saved') return fail('not-found', 'This scaling question has finished.');
        await this.#send(meetingId);
        return ok(this.#viewOf(round, await this.#store.listScalingAnswers(roundId), socket.data));
      });
    });

    this.#on(socket, 'scaling:reveal', async ({ roundId }) => {
      const meetingId = socket.data.meetingId!;
      return this.#inTurn(meetingId, async () => {
        const round = await this.#store.getScalingRound(roundId);
        if (!round || round.meetingId !== meetingId)
          return fail('not-found', 'That scaling question is not running in this meeting.');
        if (!running(round)) return fail('conflict', 'These numbers have already been shown.');
        const revealed = await this.#store.revealScalingRound(roundId, Date.now());
        if (!revealed) return fail('conflict', 'These numbers have already been shown.');
        const answers = await this.#store.listScalingAnswers(roundId);
        // Who showed everyone's numbers, and how many there were; never the numbers themselves.
        await this.#audit.record({
          actorKind: 'staff',
          actorId: socket.data.staffId,
          action: 'scaling.revealed',
          familyId: (await this.#store.getMeeting(meetingId))?.familyId,
          meetingId,
          detail: { roundId, answers: answers.length },
        });
        await this.#send(meetingId);
        return ok(this.#viewOf(revealed, answers, socket.data));
      });
    });

    this.#on(socket, 'scaling:close', async ({ roundId }) => {
      const meetingId = socket.data.meetingId!;
      return this.#inTurn(meetingId, async () => {
        const round = await this.#store.getScalingRound(roundId);
        if (!round || round.meetingId !== meetingId)
          return fail('not-found', 'That scaling question is not running in this meeting.');
        await this.#store.closeScalingRound(roundId, Date.now());
        await this.#send(meetingId);
        return ok(null);
      });
    });

    this.#on(socket, 'scaling:view', async () => ok(await this.#currentView(socket.data)));
  }

  #on<E extends ClientEventName, T>(
    socket: KinboardSocket,
    event: E,
    act: (payload: ClientEventPayload<E>) => Promise<Result<T>>,
  ): void {
    onClientEvent(socket, event, this.#log, act);
  }

  /**
   * Runs one change to a meeting's round after the previous one has been sent: in this process
   * through a queue, across servers under the cluster's lock.
   */
  #inTurn<T>(meetingId: string, work: () => Promise<T>, options = { acrossServers: true }): Promise<T> {
    const news = this.#news;
    const turn = news && options.acrossServers ? () => news.exclusively(`scaling:${meetingId}`, work) : work;
    const previous = this.#queues.get(meetingId) ?? Promise.resolve();
    const next = previous.then(turn, turn);
    const settled = next.catch(() => undefined);
    this.#queues.set(meetingId, settled);
    void settled.then(() => {
      if (this.#queues.get(meetingId) === settled) this.#queues.delete(meetingId);
    });
    return next;
  }

  #viewOf(
    round: ScalingRoundRecord,
    answers: Parameters<typeof scalingViewFor>[1],
    data: SocketData,
  ): ScalingRoundView {
    return scalingViewFor(round, answers, { participantKey: participantKeyOf(data), role: data.role! });
  }

  /** The meeting's round as this socket may see it, or none once the chair put it away. */
  async #currentView(data: SocketData): Promise<ScalingRoundView | null> {
    const round = await this.#store.latestScalingRound(data.meetingId!);
    if (!round || round.closedAt !== undefined) return null;
    return this.#viewOf(round, await this.#store.listScalingAnswers(round.id), data);
  }

  /**
   * Sends every screen of the meeting its own view of the round [SCALE3]: this server's screens
   * now, and the other servers' through their own `#sendLocal`, so a view is always built, from
   * the store, by the server holding the socket and never carries another person's number.
   */
  async #send(meetingId: string): Promise<void> {
    await this.#sendLocal(meetingId);
    this.#news?.publish({ kind: 'scaling', meetingId });
  }

  async #sendLocal(meetingId: string): Promise<void> {
    const round = await this.#store.latestScalingRound(meetingId);
    const live = round && round.closedAt === undefined ? round : undefined;
    const answers = live ? await this.#store.listScalingAnswers(live.id) : [];
    const sockets = await this.#io.local.in(meetingRoom(meetingId)).fetchSockets();
    for (const socket of sockets) {
      if (socket.data.meetingId !== meetingId || !socket.data.role) continue;
      // `local`: with connection-state recovery a socket's own emits would go through the
      // adapter, and so through Redis; a view before the reveal stays on the server holding it.
      this.#io.local.to(socket.id).emit('scaling:round', {
        meetingId,
        round: live ? this.#viewOf(live, answers, socket.data) : null,
      });
    }
  }

  /** The name others see: the staff account's, or the one the guest joined with. */
  async #nameOf(data: SocketData): Promise<string> {
    if (data.staffId) return (await this.#store.getStaff(data.staffId))?.name ?? 'Staff';
    if (data.participantId) return (await this.#store.getParticipant(data.participantId))?.name ?? 'Guest';
    return 'Guest';
  }
}
