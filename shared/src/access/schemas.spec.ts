import { describe, expect, it } from 'vitest';
import { newFamilyRequestSchema } from './family.ts';
import { joinRequestSchema, roleRequestSchema } from './join.ts';
import { guestRoles, isGuestRole } from './roles.ts';
import { newStaffRequestSchema, signInRequestSchema } from './staff.ts';

describe('access request schemas', () => {
  it('normalise an email and refuse a short password for a new account', () => {
    const staff = newStaffRequestSchema.parse({
      email: ' Sam.Worker@Example.org ',
      name: 'Sam',
      password: 'correct horse battery',
      role: 'staff',
    });
    expect(staff.email).toBe('sam.worker@example.org');
    const short = newStaffRequestSchema.safeParse({ ...staff, password: 'short' });
    expect(short.success).toBe(false);
    expect(short.error?.issues[0]?.path).toEqual(['password']);
  });

  it('sign in with any non-empty password, so its length says nothing', () => {
    expect(signInRequestSchema.safeParse({ email: 'a@example.org', password: 'x' }).success).toBe(true);
    expect(signInRequestSchema.safeParse({ email: 'a@example.org', password: '' }).success).toBe(false);
  });

  it('refuse fields nobody asked for', () => {
    expect(
      joinRequestSchema.safeParse({ code: 'K7M4QX', name: 'Nan', relationship: 'Gran', role: 'staff' })
        .success,
    ).toBe(false);
  });

  it('never let a guest be given the staff or projector role', () => {
    expect(guestRoles).not.toContain('staff');
    expect(guestRoles).not.toContain('projector');
    expect(isGuestRole('staff')).toBe(false);
    expect(roleRequestSchema.safeParse({ role: 'staff' }).success).toBe(false);
    expect(roleRequestSchema.safeParse({ role: 'family' }).success).toBe(true);
  });

  it('default a family to no children and no network', () => {
    expect(newFamilyRequestSchema.parse({ name: 'Hollis' })).toEqual({
      name: 'Hollis',
      children: [],
      network: [],
    });
  });
});
