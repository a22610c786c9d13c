import { z } from 'zod';
import { staffRoleSchema } from './roles.ts';

/** Long enough to resist guessing offline; no composition rules (NIST SP 800-63B). */
export const minimumPasswordLength = 12;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ message: 'an email address like name@example.org' }));
export const staffNameSchema = z.string().trim().min(1, 'a name').max(120);
export const passwordSchema = z
  .string()
  .min(minimumPasswordLength, `at least ${minimumPasswordLength} characters`)
  .max(256);

/** POST /api/setup: the first administrator, with the one-time token the server printed. */
export const setupRequestSchema = z
  .object({
    token: z.string().min(1).max(200),
    email: emailSchema,
    name: staffNameSchema,
    password: passwordSchema,
  })
  .strict();
export type SetupRequest = z.infer<typeof setupRequestSchema>;

/** POST /api/session. The password is not checked for length here: that would tell what it is not. */
export const signInRequestSchema = z
  .object({ email: emailSchema, password: z.string().min(1, 'your password').max(256) })
  .strict();
export type SignInRequest = z.infer<typeof signInRequestSchema>;

/** POST /api/staff (administrators). */
export const newStaffRequestSchema = z
  .object({ email: emailSchema, name: staffNameSchema, password: passwordSchema, role: staffRoleSchema })
  .strict();
export type NewStaffRequest = z.infer<typeof newStaffRequestSchema>;

/**
 * PATCH /api/staff/:id (administrators): disabling, or lowering the role, ends every session of
 * that account.
 */
export const staffChangeRequestSchema = z
  .object({ disabled: z.boolean().optional(), role: staffRoleSchema.optional() })
  .strict()
  .refine((change) => change.disabled !== undefined || change.role !== undefined, 'disabled or role');
export type StaffChangeRequest = z.infer<typeof staffChangeRequestSchema>;

/** POST /api/session/password: a staff member's own new password; every other session ends. */
export const passwordChangeRequestSchema = z
  .object({ currentPassword: z.string().min(1).max(256), newPassword: passwordSchema })
  .strict();
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
