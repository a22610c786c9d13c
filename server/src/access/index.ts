/** What the sync and socket.io layers use to let connections in. */
export { Access, accessLimitPolicies, type AccessLimits } from './access.ts';
export { AccessEvents, type AccessEventMap } from './access-events.ts';
export type { AttemptLimiter } from './attempt-limiter.ts';
export {
  meetingAdmitsGuests,
  resolveConnectionIdentity,
  type ConnectionIdentity,
  type ConnectionRefusal,
} from './connection-identity.ts';
export { participantKeyOf, roleOnScreen } from './screen-role.ts';
