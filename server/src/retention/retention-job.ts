import type { AuditLog } from '../audit/audit-log.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';

export interface RetentionSettings {
  /** How long after its meeting closes a guest's name, relationship and pass are kept. */
  guestDetailsKeptMs: number;
  /** How often the purge looks for what is due. */
  checkEveryMs: number;
  /** How long the service's sealed audit details (sign-in emails, addresses) stay readable [AUDIT9]. */
  auditDetailsKeptMs: number;
}

/**
 * Purges what Kinboard keeps only for the length of a meeting [RETAIN1] [RETAIN2], by itself:
 * on start and then every `checkEveryMs`. Guests' personal details and passes go once their
 * meeting has been closed `guestDetailsKeptMs`; expired staff sessions go too. A family's record
 * is never purged here [RETAIN3]. With several servers each runs the job; the store lets one
 * purge at a time and what is purged is marked, so nothing is done twice and one audit entry
 * records each purge [RETAIN4].
 */
export class RetentionJob {
  readonly #store: Store;
  readonly #audit: AuditLog;
  readonly #log: Logger;
  readonly #settings: RetentionSettings;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(store: Store, audit: AuditLog, log: Logger, settings: RetentionSettings, now = Date.now) {
    this.#store = store;
    this.#audit = audit;
    this.#log = log;
    this.#settings = settings;
    this.#now = now;
  }

  start(): void {
    void this.runOnce();
    this.#timer = setInterval(() => void this.runOnce(), this.#settings.checkEveryMs);
    this.#timer.unref();
  }

  /** One purge; a purge already running is waited for instead of started again. */
  runOnce(): Promise<void> {
    this.#running ??= this.#purge().finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #purge(): Promise<void> {
    const now = this.#now();
    try {
      const guests = await this.#store.purgeGuestDetails(now - this.#settings.guestDetailsKeptMs, now);
      await this.#store.deleteExpiredStaffSessions(now);
      // Each server may do this: deleting a key already gone deletes nothing [AUDIT9].
      const keys = await this.#store.destroyServiceAuditKeys(now - this.#settings.auditDetailsKeptMs);
      if (keys > 0) this.#log.info({ keys }, "destroyed the audit log's day keys past their retention");
      if (guests === undefined) return this.#log.debug('another server is purging; skipped');
      if (guests === 0) return;
      this.#log.info({ guests }, "purged guests' details past their retention");
      await this.#audit.record({ actorKind: 'system', action: 'retention.purged', detail: { guests } });
    } catch (error) {
      // A full disk or a database away: the next round tries again.
      this.#log.warn({ err: error }, 'the retention purge could not run; it runs again later');
    }
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    await this.#running;
  }
}
