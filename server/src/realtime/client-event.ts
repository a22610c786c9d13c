import {
  clientEventSchemas,
  describeInvalid,
  eventPermissions,
  fail,
  mayEmit,
  type ClientEventName,
  type ClientEventPayload,
  type Result,
} from '@kinboard/shared';
import type { Logger } from '../log.ts';
import '../zod-messages.ts';
import { eventRefused } from './event-guard.ts';
import type { KinboardSocket } from './sockets.ts';

/**
 * Listens for one client event with the shape every handler shares:
 * validate -> authorise -> act; the acknowledgement always carries a Result.
 * Every event but `meeting:enter` needs a socket that entered a meeting, with a role the
 * permissions table allows (`shared/src/permissions.ts`).
 */
export function onClientEvent<E extends ClientEventName, T>(
  socket: KinboardSocket,
  event: E,
  log: Logger,
  act: (payload: ClientEventPayload<E>) => Promise<Result<T>>,
): void {
  const listener = async (payload: unknown, ack: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (result: Result<T>) => void) : () => {};
    const parsed = clientEventSchemas[event].safeParse(payload);
    if (!parsed.success) {
      eventRefused(socket, event, 'bad-request');
      return reply(fail('bad-request', describeInvalid(parsed.error)));
    }
    if (event !== 'meeting:enter') {
      const role = socket.data.role;
      if (!role || !socket.data.meetingId) {
        eventRefused(socket, event, 'not-admitted');
        return reply(fail('not-admitted', 'Join the meeting first.'));
      }
      // A role sending what the table never gives it: forged, and audited as such [ACCESS31].
      if (!mayEmit(role, event, socket.data.meetingType)) {
        eventRefused(socket, event, 'forbidden');
        return reply(fail('forbidden', forbiddenSentence(event)));
      }
    }
    try {
      reply(await act(parsed.data as ClientEventPayload<E>));
    } catch (error) {
      log.error({ err: error, event }, 'a realtime handler failed');
      reply(fail('conflict', 'Something went wrong on the server. Please try again.'));
    }
  };
  (socket as unknown as { on(event: string, listener: (payload: unknown, ack: unknown) => void): void }).on(
    event,
    (payload, ack) => void listener(payload, ack),
  );
}

function forbiddenSentence(event: ClientEventName): string {
  if (event === 'scaling:answer') return 'Observers and the projector watch: they do not give a number.';
  const allowed = eventPermissions[event];
  return allowed.length === 1 && allowed[0] === 'staff'
    ? 'Only the chair can do that.'
    : 'You cannot do that in this meeting.';
}
