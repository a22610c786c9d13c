import { describe, expect, it } from 'vitest';
import { useContractStore, type MakeStoreFactory } from './contract-harness.ts';
import type { Store } from './store.ts';

/** A tiny PNG-looking payload: the store keeps bytes; the route checks the signature. */
const png = (last: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 1, 2, last]);

/** The drawing rules of store.ts (DRAW4 in server/SPEC.md), for any implementation. */
export function runDrawingStoreContract(name: string, makeFactory: MakeStoreFactory): void {
  describe(`Store contract, drawings: ${name}`, () => {
    const { store, openAnother } = useContractStore(makeFactory, { seed: twoMeetings });

    async function twoMeetings(store: Store): Promise<void> {
      for (const meetingId of ['m1', 'm2'])
        await store.createMeeting({
          family: { id: 'fam', name: 'Hollis', createdAt: 1 },
          meeting: {
            id: meetingId,
            familyId: 'fam',
            type: 'family-network-meeting',
            title: `Meeting ${meetingId}`,
            date: '2026-12-01',
            state: 'open',
            createdAt: 1,
          },
          documents: [],
        });
    }

    it('[DRAW4] keeps the latest image of each canvas, in canvas order, per meeting', async () => {
      expect(await store.listDrawingImages('m1')).toEqual([]);
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'story',
        png: png(1),
        updatedAt: 10,
        updatedBy: 'staff:s',
      });
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'genogram',
        png: png(2),
        updatedAt: 11,
        updatedBy: 'guest:g',
      });
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'story',
        png: png(3),
        updatedAt: 12,
        updatedBy: 'guest:g',
      });
      await store.saveDrawingImage({
        meetingId: 'm2',
        canvas: 'houses',
        png: png(4),
        updatedAt: 13,
        updatedBy: 'staff:s',
      });
      expect(await store.listDrawingImages('m1')).toEqual([
        { meetingId: 'm1', canvas: 'genogram', png: png(2), updatedAt: 11, updatedBy: 'guest:g' },
        { meetingId: 'm1', canvas: 'story', png: png(3), updatedAt: 12, updatedBy: 'guest:g' },
      ]);
      expect((await store.listDrawingImages('m2')).map((image) => image.canvas)).toEqual(['houses']);
    });

    it('[DRAW4] keeps an image across reopening the store', async () => {
      await store.saveDrawingImage({
        meetingId: 'm1',
        canvas: 'houses',
        png: png(5),
        updatedAt: 20,
        updatedBy: 'staff:s',
      });
      const again = await openAnother();
      const [image] = await again.listDrawingImages('m1');
      expect(image?.png).toEqual(png(5));
      expect(image?.png).toBeInstanceOf(Uint8Array);
    });
  });
}
