import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Store } from './store.ts';

const day = 86_400_000;
const start = Date.UTC(2026, 11, 1, 9);

/** Audit entries' personal details, sealed under keys and shredded with them (AUDIT6-AUDIT9). */
export function runAuditKeyStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, sealed audit details: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, { seed: twoFamilies });

    async function twoFamilies(store: Store): Promise<void> {
      for (const familyId of ['fam-a', 'fam-b'])
        await store.createMeeting({
          family: { id: familyId, name: `Family ${familyId}`, createdAt: 1 },
          meeting: {
            id: `${familyId}-m`,
            familyId,
            type: 'family-network-meeting',
            title: 'Meeting',
            date: '2026-12-01',
            state: 'preparing',
            createdAt: 1,
          },
          documents: [],
        });
    }

    const joined = (familyId: string, name: string, at = start) =>
      store.appendAudit({
        at,
        actorKind: 'participant',
        actorId: `${familyId}-p`,
        action: 'participant.joined',
        familyId,
        meetingId: `${familyId}-m`,
        detail: {},
        personal: { name, relationship: 'aunt' },
      });

    it('[AUDIT6] [AUDIT8] a family entry reads back with its details until the family is erased; the chain holds', async () => {
      await joined('fam-a', 'Amara Quill');
      await joined('fam-b', 'Bea Stone');
      const [entry] = await store.listAuditOfFamily('fam-a', { limit: 10 });
      expect(entry).toMatchObject({ detail: {}, personal: { name: 'Amara Quill', relationship: 'aunt' } });
      expect(entry!.personalErased).toBeUndefined();

      expect(await store.eraseFamily('fam-a')).toBe('erased');
      const [after] = await store.listAuditOfFamily('fam-a', { limit: 10 });
      expect(after).toMatchObject({ action: 'participant.joined', detail: {}, personalErased: true });
      expect(after!.personal).toBeUndefined();
      // The other family's key is untouched.
      const [other] = await store.listAuditOfFamily('fam-b', { limit: 10 });
      expect(other!.personal).toEqual({ name: 'Bea Stone', relationship: 'aunt' });
      expect(await store.verifyAuditChain()).toEqual({ holds: true, entries: 2 });
    });

    it("[AUDIT9] the service's details are sealed per day and a day's key goes once its retention ends", async () => {
      const failed = (at: number, email: string) =>
        store.appendAudit({
          at,
          actorKind: 'system',
          action: 'staff.sign-in-failed',
          detail: { slowedForMs: 0 },
          personal: { email, address: '203.0.113.9' },
        });
      await failed(start, 'first@example.org');
      await failed(start + 3 * day, 'later@example.org');
      expect((await store.listAuditOfService(10)).map((entry) => entry.personal?.['email'])).toEqual([
        'later@example.org',
        'first@example.org',
      ]);
      // A day's key goes once the whole day is before the cut (now less the time kept).
      expect(await store.destroyServiceAuditKeys(start)).toBe(0);
      expect(await store.destroyServiceAuditKeys(start + day)).toBe(1);
      expect(await store.destroyServiceAuditKeys(start + day)).toBe(0);
      const [later, first] = await store.listAuditOfService(10);
      expect(later!.personal).toEqual({ email: 'later@example.org', address: '203.0.113.9' });
      expect(first).toMatchObject({ detail: { slowedForMs: 0 }, personalErased: true });
      // An entry with nothing personal has neither.
      await store.appendAudit({ at: start, actorKind: 'system', action: 'x', detail: { n: 1 } });
      const [plain] = await store.listAuditOfService(1);
      expect(plain).toEqual({ id: plain!.id, at: start, actorKind: 'system', action: 'x', detail: { n: 1 } });
      expect(await store.verifyAuditChain()).toMatchObject({ holds: true, entries: 3 });
    });

    it('[AUDIT6] two servers sealing the first entries of a family at once share one key', async () => {
      const another = await openAnother();
      await Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          (i % 2 ? another : store).appendAudit({
            at: start + i,
            actorKind: 'participant',
            action: 'participant.joined',
            familyId: 'fam-b',
            detail: {},
            personal: { name: `Guest ${i}` },
          }),
        ),
      );
      const names = (await store.listAuditOfFamily('fam-b', { limit: 10 })).map(
        (entry) => entry.personal?.['name'],
      );
      expect(names.sort()).toEqual(['Guest 0', 'Guest 1', 'Guest 2', 'Guest 3', 'Guest 4', 'Guest 5']);
      expect(await store.verifyAuditChain()).toMatchObject({ holds: true });
    });
  });
}
