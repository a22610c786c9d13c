import type { AuditEntry, AuditPage, NewAuditEntry, Store } from '../store/store.ts';
import type { AuditAction } from './audit-actions.ts';

type Flat = Record<string, string | number | boolean | null | undefined>;

export type AuditRecord = Omit<NewAuditEntry, 'at' | 'action' | 'detail' | 'personal'> & {
  action: AuditAction;
  detail?: Flat;
  /**
   * What identifies a person (an email typed, an address, a guest's name): stored only sealed,
   * under the family's key or the day's, so erasure and retention can shred it [AUDIT6].
   */
  personal?: Flat;
};

const defined = (values: Flat | undefined): Record<string, string | number | boolean | null> =>
  Object.fromEntries(Object.entries(values ?? {}).filter(([, value]) => value !== undefined)) as Record<
    string,
    string | number | boolean | null
  >;

/**
 * The append-only record of who got in and who changed rights [ACCESS11]. An entry is written
 * after the change it records and before the answer is sent, so an answered request is always
 * on the record. Detail values are flat ids, kinds and counts: the type keeps board content out, and
 * entries about a family refer to people by id, never by name, relationship or join code [AUDIT5];
 * what must identify a person goes in `personal`, which the store seals [AUDIT6].
 */
export class AuditLog {
  readonly #store: Store;
  readonly #now: () => number;
  readonly #windowMs: number;
  readonly #onError: (error: unknown, action: string) => void;
  /** Coalesced entries: per key, the repeats counted since the key's last entry. */
  readonly #windows = new Map<string, { entry: AuditRecord; repeats: number; timer: NodeJS.Timeout }>();

  constructor(
    store: Store,
    options: {
      now?: () => number;
      /** How long repeats of one coalesced entry are counted into one [ACCESS30]. */
      coalesceMs?: number;
      /** A coalesced entry written later, when nobody waits for it, that could not be written. */
      onError?: (error: unknown, action: string) => void;
    } = {},
  ) {
    this.#store = store;
    this.#now = options.now ?? Date.now;
    this.#windowMs = options.coalesceMs ?? 60_000;
    this.#onError = options.onError ?? (() => {});
  }

  /**
   * What one person or connection does again and again, written at most once per key and
   * window [ACCESS30]: the first at once (`count: 1`), then, at the end of each window that saw
   * repeats, one entry with their `count` (and `coalesced: true`), which starts the next window.
   * `key` names who, where and what kind (never content). Resolves once the first is written,
   * at once for a repeat.
   */
  recordCoalesced(key: string, entry: AuditRecord): Promise<void> {
    const open = this.#windows.get(key);
    if (open) {
      open.repeats++;
      open.entry = entry;
      return Promise.resolve();
    }
    this.#openWindow(key, entry);
    return this.record({ ...entry, detail: { ...entry.detail, count: 1 } });
  }

  #openWindow(key: string, entry: AuditRecord): void {
    const timer = setTimeout(() => this.#closeWindow(key), this.#windowMs);
    timer.unref();
    this.#windows.set(key, { entry, repeats: 0, timer });
  }

  #closeWindow(key: string): Promise<void> {
    const window = this.#windows.get(key);
    if (!window) return Promise.resolve();
    clearTimeout(window.timer);
    this.#windows.delete(key);
    if (window.repeats === 0) return Promise.resolve();
    this.#openWindow(key, window.entry);
    return this.record({
      ...window.entry,
      detail: { ...window.entry.detail, count: window.repeats, coalesced: true },
    }).catch((error: unknown) => this.#onError(error, window.entry.action));
  }

  /** Writes every count still held (on shutdown), so no repeat goes unrecorded. */
  async flush(): Promise<void> {
    const keys = [...this.#windows.keys()];
    await Promise.all(keys.map((key) => this.#closeWindow(key)));
    for (const window of this.#windows.values()) clearTimeout(window.timer);
    this.#windows.clear();
  }

  record(entry: AuditRecord): Promise<void> {
    const { personal, ...rest } = entry;
    const sealed = defined(personal);
    return this.#store.appendAudit({
      ...rest,
      at: this.#now(),
      detail: defined(entry.detail),
      ...(Object.keys(sealed).length > 0 ? { personal: sealed } : {}),
    });
  }

  /** One page of a family's entries, oldest first [ACCESS32]. */
  ofFamily(familyId: string, page: AuditPage): Promise<AuditEntry[]> {
    return this.#store.listAuditOfFamily(familyId, page);
  }

  /** Sign-ins, staff accounts, setup and guessing: what administrators read, newest first. */
  ofService(limit: number, before?: number): Promise<AuditEntry[]> {
    return this.#store.listAuditOfService(limit, before);
  }
}
