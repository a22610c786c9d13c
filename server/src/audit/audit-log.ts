import type { AuditEntry, NewAuditEntry, Store } from '../store/store.ts';
import type { AuditAction } from './audit-actions.ts';

export type AuditRecord = Omit<NewAuditEntry, 'at' | 'action' | 'detail'> & {
  action: AuditAction;
  detail?: Record<string, string | number | boolean | null | undefined>;
};

/**
 * The append-only record of who got in and who changed rights [ACCESS11]. An entry is written
 * after the change it records and before the answer is sent, so an answered request is always
 * on the record. Detail values are flat ids, kinds and counts: the type keeps board content out, and
 * entries about a family refer to people by id, never by name, relationship or join code [AUDIT5].
 */
export class AuditLog {
  readonly #store: Store;
  readonly #now: () => number;

  constructor(store: Store, now: () => number = Date.now) {
    this.#store = store;
    this.#now = now;
  }

  record(entry: AuditRecord): Promise<void> {
    const detail = Object.fromEntries(
      Object.entries(entry.detail ?? {}).filter(([, value]) => value !== undefined),
    );
    return this.#store.appendAudit({ ...entry, at: this.#now(), detail });
  }

  ofFamily(familyId: string): Promise<AuditEntry[]> {
    return this.#store.listAuditOfFamily(familyId);
  }

  /** Sign-ins, staff accounts, setup and guessing: what administrators read. */
  ofService(limit = 500): Promise<AuditEntry[]> {
    return this.#store.listAuditOfService(limit);
  }
}
