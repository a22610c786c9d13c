import type { StoreContext } from '../store-context.ts';

/** What is purged when its time has come, and the write probe of a store that cannot write. */
export interface RetentionRecords {
  /**
   * Clears the name, relationship and pass of every guest of a meeting that closed at or before
   * `closedBefore`, once; the row (id, role, status, times) stays for the record's references
   * [RETAIN1]. Resolves to how many were purged, or undefined when another server is purging
   * right now [RETAIN4].
   */
  purgeGuestDetails(closedBefore: number, now: number): Promise<number | undefined>;
  /**
   * Writes one small row (and some room) and resolves once it is durable: while the store cannot
   * write, the sync server tries this now and then to learn when it can again [RECORD5].
   */
  probeWrite(): Promise<void>;
}

/**
 * What the write probe writes: room for a few batches of edits, not just one page, so saving
 * resumes only once the disk has space for edits again (a WAL can often fit one page more).
 */
const probeBytes = 32 * 1024;

export function retentionRecords({ db, dialect }: StoreContext): RetentionRecords {
  return {
    async purgeGuestDetails(closedBefore, now) {
      return dialect.inRetentionTurn(db, async (q) => {
        const result = await q
          .updateTable('participant')
          .set({ name: '', relationship: '', pass_hash: '', details_purged_at: now })
          .where('details_purged_at', 'is', null)
          .where('meeting_id', 'in', (eb) =>
            eb
              .selectFrom('meeting')
              .select('id')
              .where('closed_at', 'is not', null)
              .where('closed_at', '<=', closedBefore),
          )
          .executeTakeFirst();
        return Number(result.numUpdatedRows);
      });
    },

    async probeWrite() {
      const row = { id: 1, written_at: Date.now(), room: new Uint8Array(probeBytes) };
      await db
        .insertInto('store_probe')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('id').doUpdateSet({ written_at: row.written_at, room: row.room }),
        )
        .execute();
    },
  };
}
