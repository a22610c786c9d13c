import type * as z from 'zod/mini';
import { chairFocusSchema, chairUndoFocusSchema } from './chair-focus.ts';
import { chairFollowSchema } from './chair-follow.ts';
import type { EventRefused } from './event-refused.ts';
import type { LobbyChanged } from './lobby-changed.ts';
import type { AccessEnded } from './access-ended.ts';
import type { MeetingClosed } from './meeting-closed.ts';
import { meetingEnterSchema } from './meeting-enter.ts';
import type { MeetingLiveState } from './meeting-live-state.ts';
import { meetingTimerCommandSchema } from './meeting-timer.ts';
import type { ParticipantRoleChanged } from './participant-role.ts';
import { planAgreementSchema } from './plan-agreement.ts';
import { planAnswerSchema } from './plan-answer.ts';
import { planOfferDecisionSchema, planOfferSchema } from './plan-offer.ts';
import { planStatusRequestSchema, type PlanStage, type PlanStatus } from './plan-status.ts';
import type { Result } from './result.ts';
import { sectionLockSchema } from './section-lock.ts';
import { scalingAnswerSchema } from './scaling-answer.ts';
import { scalingCloseSchema } from './scaling-close.ts';
import { scalingRevealSchema } from './scaling-reveal.ts';
import type { ScalingRoundMessage, ScalingRoundView } from './scaling-round.ts';
import { scalingStartSchema } from './scaling-start.ts';
import { scalingViewSchema } from './scaling-view.ts';

/**
 * The socket.io events both ends use: the web client's socket and the server's handlers are
 * typed from these maps, and the server checks every payload against `clientEventSchemas`
 * before acting on it.
 */
export const clientEventSchemas = {
  'meeting:enter': meetingEnterSchema,
  'chair:focus': chairFocusSchema,
  'chair:undo-focus': chairUndoFocusSchema,
  'chair:follow': chairFollowSchema,
  'chair:lock': sectionLockSchema,
  'chair:timer': meetingTimerCommandSchema,
  'scaling:start': scalingStartSchema,
  'scaling:answer': scalingAnswerSchema,
  'scaling:reveal': scalingRevealSchema,
  'scaling:close': scalingCloseSchema,
  'scaling:view': scalingViewSchema,
  'plan:status': planStatusRequestSchema,
  'plan:offer': planOfferSchema,
  'plan:offer-decision': planOfferDecisionSchema,
  'plan:agreement': planAgreementSchema,
  'plan:answer': planAnswerSchema,
} as const;

export type ClientEventName = keyof typeof clientEventSchemas;
export type ClientEventPayload<E extends ClientEventName> = z.infer<(typeof clientEventSchemas)[E]>;

/** Every client event is a request with an acknowledgement carrying a Result. */
type Request<E extends ClientEventName, T> = (
  payload: ClientEventPayload<E>,
  ack: (result: Result<T>) => void,
) => void;

export interface ClientToServerEvents {
  'meeting:enter': Request<'meeting:enter', MeetingLiveState>;
  'chair:focus': Request<'chair:focus', MeetingLiveState>;
  'chair:undo-focus': Request<'chair:undo-focus', MeetingLiveState>;
  'chair:follow': Request<'chair:follow', MeetingLiveState>;
  'chair:lock': Request<'chair:lock', MeetingLiveState>;
  'chair:timer': Request<'chair:timer', MeetingLiveState>;
  'scaling:start': Request<'scaling:start', ScalingRoundView>;
  'scaling:answer': Request<'scaling:answer', ScalingRoundView>;
  'scaling:reveal': Request<'scaling:reveal', ScalingRoundView>;
  'scaling:close': Request<'scaling:close', null>;
  'scaling:view': Request<'scaling:view', ScalingRoundView | null>;
  'plan:status': Request<'plan:status', PlanStatus>;
  'plan:offer': Request<'plan:offer', PlanStatus>;
  'plan:offer-decision': Request<'plan:offer-decision', PlanStatus>;
  'plan:agreement': Request<'plan:agreement', PlanStatus>;
  'plan:answer': Request<'plan:answer', PlanStatus>;
}

export interface ServerToClientEvents {
  'server:hello': (hello: { protocolVersion: number }) => void;
  /** An event the server refused that had no acknowledgement to answer through [ACCESS31]. */
  'server:refused': (refusal: EventRefused) => void;
  /** Sent to every screen in the meeting whenever the chair changes something. */
  'meeting:state': (state: MeetingLiveState) => void;
  /** To the meeting's staff screens: the lobby changed (someone joined, was let in or turned away). */
  'lobby:changed': (change: LobbyChanged) => void;
  /** To one guest's screens: the chair changed their role; the server already judges by it. */
  'participant:role': (change: ParticipantRoleChanged) => void;
  /** To every screen of the meeting, just before the server disconnects them: it has closed. */
  'meeting:closed': (notice: MeetingClosed) => void;
  /** To one socket, just before the server disconnects it: the access it rested on ended [ACCESS22]. */
  'access:ended': (notice: AccessEnded) => void;
  /** To each screen of the meeting: the scaling round as that screen may see it [SCALE3]. */
  'scaling:round': (message: ScalingRoundMessage) => void;
  /** To every screen of the meeting: the plan's stage, answers or offers changed; ask `plan:status`. */
  'plan:changed': (change: { stage: PlanStage }) => void;
}

/** The events only the server sends: a client sending one is refused as forged [ACCESS31]. */
export const serverEventNames = [
  'server:hello',
  'server:refused',
  'meeting:state',
  'lobby:changed',
  'participant:role',
  'meeting:closed',
  'scaling:round',
  'plan:changed',
] as const satisfies readonly (keyof ServerToClientEvents)[];
