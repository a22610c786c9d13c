import * as z from 'zod/mini';

/**
 * Everyone who can be in a meeting. What each may do is in permissions.ts; the roles are here,
 * with nothing imported, so that event schemas and permissions can both read them.
 */
export const participantRoles = [
  'staff',
  'family',
  'network',
  'professional',
  'child',
  'observer',
  'projector',
] as const;
export type ParticipantRole = (typeof participantRoles)[number];

/** What a staff account may do: administrators also manage staff accounts and family access. */
export const staffRoles = ['admin', 'staff'] as const;
export type StaffRole = (typeof staffRoles)[number];
export const staffRoleSchema = z.enum(staffRoles);

/**
 * The roles the chair gives a guest in the lobby. `staff` comes only from a staff sign-in and
 * `projector` only from the chair's own screen, so neither can be given to a phone.
 */
export const guestRoles = [
  'family',
  'network',
  'professional',
  'child',
  'observer',
] as const satisfies readonly ParticipantRole[];
export type GuestRole = (typeof guestRoles)[number];
export const guestRoleSchema = z.enum(guestRoles);

export function isGuestRole(role: string): role is GuestRole {
  return (guestRoles as readonly string[]).includes(role);
}

/** Where a guest is: waiting in the lobby, let in, turned away, or gone (the meeting closed). */
export const participantStatuses = ['waiting', 'admitted', 'refused', 'left'] as const;
export type ParticipantStatus = (typeof participantStatuses)[number];
