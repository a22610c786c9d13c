import {
  clientEventSchemas,
  fail,
  serverEventNames,
  type ClientEventName,
  type FailureCode,
  type Result,
} from '@kinboard/shared';
import * as parser from 'socket.io-parser';
import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { TokenBucket } from '../sync/sync-limits.ts';
import type { KinboardSocket } from './sockets.ts';

/**
 * Each event's budget per connection [ACCESS30]: sustained per second and the burst. A person
 * never meets them (a chair clicking through the agenda sends a few a second; a screen asks
 * `plan:status` after each change it hears); a script does within a second.
 */
const defaultBudget = { perSecond: 10, burst: 40 };
const eventBudgets: Partial<Record<ClientEventName, { perSecond: number; burst: number }>> = {
  'meeting:enter': { perSecond: 2, burst: 10 },
  'plan:status': { perSecond: 20, burst: 80 },
  'scaling:view': { perSecond: 20, burst: 80 },
};

/** Refusals a connection may have before it is closed: a burst of 20, and 20 more a minute. */
const refusalBurst = 20;
const refusalsPerSecond = 20 / 60;

/** What a refusal was, for the audit entry and the log line [ACCESS31]. */
export type EventRefusalKind =
  'unknown-event' | 'server-only-event' | 'too-many' | 'bad-request' | 'not-admitted' | 'forbidden';

const isClientEvent = (name: string): name is ClientEventName => Object.hasOwn(clientEventSchemas, name);
const serverOnly = new Set<string>(serverEventNames);
/** An event name is only repeated back (or written down) when it looks like one. */
const nameOf = (event: unknown): string | undefined =>
  typeof event === 'string' && /^[a-z][a-z0-9-]*(:[a-z0-9-]+)*$/.test(event) && event.length <= 64
    ? event
    : undefined;

const guards = new WeakMap<KinboardSocket, SocketGuard>();

/**
 * A refusal a handler answered (a payload that failed its schema, a socket that did not enter,
 * a role the table does not allow): counted and audited like the guard's own [ACCESS31].
 */
export function eventRefused(socket: KinboardSocket, event: ClientEventName, kind: EventRefusalKind): void {
  guards.get(socket)?.refused(event, kind);
}

/**
 * Every packet a socket sends passes here first [ACCESS30] [ACCESS31]: an unknown or server-only
 * event name, or one past its budget, is answered with an error (through its acknowledgement, or
 * `server:refused`), never handled; every refusal is audited (coalesced per person, kind, event
 * and minute) and a connection refused again and again is closed.
 */
export class EventGuard {
  readonly #audit: AuditLog;
  readonly #store: Store;
  readonly #log: Logger;

  constructor(options: { audit: AuditLog; store: Store; log: Logger }) {
    this.#audit = options.audit;
    this.#store = options.store;
    this.#log = options.log;
  }

  watch(socket: KinboardSocket): void {
    const guard = new SocketGuard(socket, this.#audit, this.#store, this.#log);
    guards.set(socket, guard);
    socket.use((packet, next) => {
      if (guard.admits(packet)) next();
    });
    // A packet socket.io cannot read closes the connection; without a listener it would also
    // print a stack trace for each [SYNC25].
    socket.on('error', (error) =>
      this.#log.info(
        { connection: socket.id, error: error.message.slice(0, 120) },
        'realtime connection refused',
      ),
    );
  }
}

class SocketGuard {
  readonly #socket: KinboardSocket;
  readonly #audit: AuditLog;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #budgets = new Map<string, TokenBucket>();
  readonly #refusals = new TokenBucket(refusalsPerSecond, refusalBurst);
  /** Kinds already in the log for this connection: one line each, not one per packet. */
  readonly #logged = new Set<string>();

  constructor(socket: KinboardSocket, audit: AuditLog, store: Store, log: Logger) {
    this.#socket = socket;
    this.#audit = audit;
    this.#store = store;
    this.#log = log;
  }

  admits([event, ...args]: unknown[]): boolean {
    const last = args.at(-1);
    const ack = typeof last === 'function' ? (last as (result: Result<never>) => void) : undefined;
    if (typeof event !== 'string' || !isClientEvent(event)) {
      const forged = typeof event === 'string' && serverOnly.has(event);
      this.#answer(
        event,
        ack,
        forged ? 'forbidden' : 'bad-request',
        forged ? 'That is the server’s to send.' : 'There is no such request.',
      );
      this.refused(nameOf(event), forged ? 'server-only-event' : 'unknown-event');
      return false;
    }
    let budget = this.#budgets.get(event);
    if (!budget) {
      const { perSecond, burst } = eventBudgets[event] ?? defaultBudget;
      this.#budgets.set(event, (budget = new TokenBucket(perSecond, burst)));
    }
    if (budget.take()) return true;
    this.#answer(event, ack, 'too-many', 'Too many requests at once. Please wait a moment.');
    this.refused(event, 'too-many');
    return false;
  }

  #answer(
    event: unknown,
    ack: ((result: Result<never>) => void) | undefined,
    code: FailureCode,
    message: string,
  ): void {
    if (ack) ack(fail(code, message));
    else this.#socket.emit('server:refused', { event: nameOf(event), code, message });
  }

  refused(event: string | undefined, kind: EventRefusalKind): void {
    const socket = this.#socket;
    const { meetingId } = socket.data;
    if (!this.#logged.has(kind)) {
      this.#logged.add(kind);
      this.#log.info({ meeting: meetingId, connection: socket.id, event, kind }, 'refused a realtime event');
    }
    void this.#record(event, kind);
    if (!this.#refusals.take()) {
      this.#log.info(
        { meeting: meetingId, connection: socket.id, kind },
        'closing a realtime connection refused again and again',
      );
      socket.disconnect(true);
    }
  }

  /** On the family's record once the socket entered a meeting, else on the service's [ACCESS30]. */
  async #record(event: string | undefined, kind: EventRefusalKind): Promise<void> {
    const socket = this.#socket;
    const { meetingId, staffId, participantId, role } = socket.data;
    const who = staffId ?? participantId;
    try {
      const familyId = meetingId ? (await this.#store.getMeeting(meetingId))?.familyId : undefined;
      const key = [
        'realtime-refused',
        who ?? `address:${socket.handshake.address}`,
        meetingId,
        kind,
        event,
      ].join('|');
      await this.#audit.recordCoalesced(key, {
        actorKind: staffId ? 'staff' : participantId ? 'participant' : 'system',
        actorId: who,
        action: 'realtime.event-refused',
        familyId,
        meetingId,
        detail: { channel: 'realtime', event, kind, role, connection: socket.id },
      });
    } catch (error) {
      this.#log.error({ err: error, kind }, 'could not write an audit entry');
    }
  }
}

/**
 * socket.io's parser, refusing binary attachments [ACCESS35]: no Kinboard event carries one, and
 * a packet announcing them makes the parser wait for (and hold) that many buffers. A packet of
 * the binary kinds, or a binary frame, throws, and socket.io closes the connection.
 */
class RefusingDecoder extends parser.Decoder {
  override add(packet: unknown): void {
    if (typeof packet !== 'string') throw new Error('binary attachments are refused');
    const type = Number(packet[0]);
    if (type === parser.PacketType.BINARY_EVENT || type === parser.PacketType.BINARY_ACK)
      throw new Error('binary attachments are refused');
    super.add(packet);
  }
}

export const refusingParser = { Encoder: parser.Encoder, Decoder: RefusingDecoder };
