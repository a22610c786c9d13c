/**
 * Everything the audit log records, by name. Entries say who did what to whom and when;
 * never what anyone wrote on the board.
 */
export const auditActions = [
  'setup.first-admin',
  'staff.signed-in',
  'staff.sign-in-failed',
  'staff.signed-out',
  'staff.identity-linked',
  'staff.created',
  'staff.disabled',
  'staff.enabled',
  'staff.role-changed',
  'staff.password-changed',
  'family.created',
  'family.access-granted',
  'family.access-removed',
  'family.erased',
  /** Everything held about the family was downloaded (subject access) [RECORD6]. */
  'family.exported',
  'meeting.created',
  'meeting.opened',
  'meeting.closed',
  'participant.joined',
  'participant.rejoined',
  'participant.admitted',
  'participant.refused',
  'participant.role-changed',
  'join.guessing-limited',
  'connection.opened',
  'board.write-refused',
  'sync.refused',
  'realtime.event-refused',
  'scaling.revealed',
  'plan.offered',
  'plan.offer-decided',
  'plan.agreement-started',
  'plan.answered',
  'plan.agreed',
  'plan.reopened',
  'plan.exported',
  /** Guests' details past their retention were purged [RETAIN1]: how many, no names. */
  'retention.purged',
] as const;
export type AuditAction = (typeof auditActions)[number];
