import * as z from 'zod/mini';
import { staffRoleSchema } from './roles.ts';

/** Long enough to resist guessing offline; no composition rules (NIST SP 800-63B). */
export const minimumPasswordLength = 12;

export const emailSchema = z.pipe(
  z.string().check(z.trim(), z.toLowerCase(), z.maxLength(254)),
  z.email({ message: 'an email address like name@example.org' }),
);
export const staffNameSchema = z.string().check(z.trim(), z.minLength(1, 'a name'), z.maxLength(120));
export const passwordSchema = z
  .string()
  .check(
    z.minLength(minimumPasswordLength, `at least ${minimumPasswordLength} characters`),
    z.maxLength(256),
  );

/** POST /api/setup: the first administrator, with the one-time token the server printed. */
export const setupRequestSchema = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
  email: emailSchema,
  name: staffNameSchema,
  password: passwordSchema,
});
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** POST /api/session. The password is not checked for length here: that would tell what it is not. */
export const signInRequestSchema = z.strictObject({
  email: emailSchema,
  password: z.string().check(z.minLength(1, 'your password'), z.maxLength(256)),
});
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** POST /api/staff (administrators). */
export const newStaffRequestSchema = z.strictObject({
  email: emailSchema,
  name: staffNameSchema,
  password: passwordSchema,
  role: staffRoleSchema,
});
export type NewStaffRequest = z.infer<typeof newStaffRequestSchema>;

/**
 * PATCH /api/staff/:id (administrators): disabling, or lowering the role, ends every session of
 * that account.
 */
export const staffChangeRequestSchema = z
  .strictObject({ disabled: z.optional(z.boolean()), role: z.optional(staffRoleSchema) })
  .check(
    z.refine((change) => change.disabled !== undefined || change.role !== undefined, 'disabled or role'),
  );
export type StaffChangeRequest = z.infer<typeof staffChangeRequestSchema>;

/** POST /api/session/password: a staff member's own new password; every other session ends. */
export const passwordChangeRequestSchema = z.strictObject({
  currentPassword: z.string().check(z.minLength(1), z.maxLength(256)),
  newPassword: passwordSchema,
});
export type PasswordChangeRequest = z.infer<typeof passwordChangeRequestSchema>;

/** What the API says about a staff account; never the password hash. */
export interface StaffView {
  id: string;
  email: string;
  name: string;
  role: z.infer<typeof staffRoleSchema>;
  disabled: boolean;
  createdAt: number;
}
