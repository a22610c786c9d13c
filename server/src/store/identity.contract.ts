import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Staff, StaffSession } from './store.ts';

const issuer = 'https://idp.example.org';

/** Staff identities at an identity provider and provider sessions [IDENT3] [IDENT6], for any store. */
export function runIdentityStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, identities: ${name}`, () => {
    const { store, reopen } = useContractStore(makeFactory);

    it('[IDENT3] an (issuer, subject) signs in as one account, made with it atomically', async () => {
      const identity = { issuer, subject: 'sub-1', staffId: 's1', createdAt: 1 };
      expect(await store.createStaffWithIdentity(staff('s1'), identity)).toBe(true);
      expect(await (await reopen()).findStaffByIdentity(issuer, 'sub-1')).toEqual(staff('s1'));
      // The same subject elsewhere, or another subject here, is someone else.
      expect(await store.findStaffByIdentity('https://other.example.org', 'sub-1')).toBeUndefined();
      expect(await store.findStaffByIdentity(issuer, 'sub-2')).toBeUndefined();
      // Neither the subject nor the email can be taken twice; nothing is written then.
      expect(
        await store.createStaffWithIdentity(
          { ...staff('s2'), email: 'other@example.org' },
          { ...identity, staffId: 's2' },
        ),
      ).toBe(false);
      expect(
        await store.createStaffWithIdentity(staff('s3'), { ...identity, subject: 'sub-3', staffId: 's3' }),
      ).toBe(true);
      expect(
        await store.createStaffWithIdentity(
          { ...staff('s4'), email: staff('s3').email },
          { ...identity, subject: 'sub-4', staffId: 's4' },
        ),
      ).toBe(false);
      expect((await store.listStaff()).map((each) => each.id)).toEqual(['s1', 's3']);
    });

    it('[IDENT3] an existing account is linked to one subject per issuer', async () => {
      await store.createStaff(staff('s1'));
      expect(await store.linkStaffIdentity({ issuer, subject: 'sub-1', staffId: 's1', createdAt: 1 })).toBe(
        true,
      );
      expect(await store.linkStaffIdentity({ issuer, subject: 'sub-9', staffId: 's1', createdAt: 1 })).toBe(
        false,
      );
      await store.createStaff(staff('s2'));
      expect(await store.linkStaffIdentity({ issuer, subject: 'sub-1', staffId: 's2', createdAt: 1 })).toBe(
        false,
      );
      expect((await store.findStaffByIdentity(issuer, 'sub-1'))?.id).toBe('s1');
    });

    it('[IDENT5] [IDENT6] a session keeps its hard end and provider session; a logout ends exactly those', async () => {
      await store.createStaffWithIdentity(staff('s1'), {
        issuer,
        subject: 'sub-1',
        staffId: 's1',
        createdAt: 1,
      });
      await store.createStaff(staff('s2'));
      const a = session('a', 's1', { endsAt: 500, provider: { issuer, sessionId: 'sid-a' } });
      const b = session('b', 's1', { provider: { issuer, sessionId: 'sid-b' } });
      const c = session('c', 's1');
      const d = session('d', 's2', { provider: { issuer, sessionId: 'sid-a' } });
      for (const each of [a, b, c]) await store.createStaffSession(each);
      await store.createStaffSession({
        ...d,
        provider: { issuer: 'https://other.example.org', sessionId: 'sid-a' },
      });
      expect((await (await reopen()).getStaffSession('a'))?.session).toEqual(a);
      expect((await store.getStaffSession('c'))?.session).toEqual(c);

      expect(await store.endProviderSessions(issuer, { sessionId: 'sid-a' })).toEqual([a]);
      expect(await store.getStaffSession('a')).toBeUndefined();
      expect(await store.getStaffSession('d')).toBeDefined();
      // By subject alone: every session of that account through this provider, not its password ones.
      expect(await store.endProviderSessions(issuer, { subject: 'sub-1' })).toEqual([b]);
      expect(await store.getStaffSession('c')).toBeDefined();
      expect(await store.endProviderSessions(issuer, {})).toEqual([]);
    });

    it('[IDENT5] a session past its hard end is swept like an expired one', async () => {
      await store.createStaff(staff('s1'));
      await store.createStaffSession(session('a', 's1', { endsAt: 500 }));
      await store.createStaffSession(session('b', 's1'));
      await store.deleteExpiredStaffSessions(600);
      expect(await store.getStaffSession('a')).toBeUndefined();
      expect(await store.getStaffSession('b')).toBeDefined();
    });
  });
}

function staff(id: string): Staff {
  return {
    id,
    email: `${id}@example.org`,
    name: `Worker ${id}`,
    role: 'staff',
    passwordHash: `$argon2id$fake-${id}`,
    createdAt: 1_760_000_000_000,
    disabled: false,
  };
}

function session(id: string, staffId: string, extra: Partial<StaffSession> = {}): StaffSession {
  return { id, staffId, createdAt: 100, expiresAt: 10_000, lastSeen: 100, ...extra };
}
