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
  'family.created',
  'family.access-granted',
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
  'scaling.revealed',
  'plan.offered',
  'plan.offer-decided',
  'plan.agreement-started',
  'plan.answered',
  'plan.agreed',
  'plan.reopened',
  'plan.exported',
] as const;
export type AuditAction = (typeof auditActions)[number];
