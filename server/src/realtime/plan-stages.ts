import type { PlanStage } from '@kinboard/shared';
import type { MeetingNewsChannel } from '../cluster/meeting-news.ts';
import type { Store } from '../store/store.ts';

/**
 * Each meeting's plan stage, held in memory for the sync layer, which judges every edit in the
 * same turn it arrives and cannot wait for the store [PLAN3]. Loaded from the store before a
 * connection joins a meeting's document (so a restart keeps the lock) and changed only by the
 * plan's socket.io handlers, right after the store has the change, which tell the other servers.
 */
export class PlanStages {
  readonly #store: Store;
  readonly #stages = new Map<string, PlanStage>();
  /** Loads under way: a meeting's screens reconnecting together read its stage once [SYNC32]. */
  readonly #loading = new Map<string, Promise<PlanStage>>();

  readonly #news: MeetingNewsChannel | undefined;

  constructor(store: Store, news?: MeetingNewsChannel) {
    this.#store = store;
    this.#news = news;
    news?.on('plan-stage', ({ meetingId, stage }) => this.#stages.set(meetingId, stage));
    // News may have been lost: every stage known here is read from the store again.
    news?.onGap(() => void this.#reloadAll());
  }

  async #reloadAll(): Promise<void> {
    for (const meetingId of [...this.#stages.keys()]) {
      const { stage } = await this.#store.getPlanAgreement(meetingId);
      this.#stages.set(meetingId, stage);
    }
  }

  async load(meetingId: string): Promise<PlanStage> {
    const known = this.#stages.get(meetingId);
    if (known) return known;
    let loading = this.#loading.get(meetingId);
    if (!loading) {
      loading = this.#store.getPlanAgreement(meetingId).then(({ stage }) => {
        // A handler may have set it meanwhile: the handler's is newer.
        if (!this.#stages.has(meetingId)) this.#stages.set(meetingId, stage);
        return this.#stages.get(meetingId)!;
      });
      this.#loading.set(meetingId, loading);
      const done = () => this.#loading.delete(meetingId);
      loading.then(done, done);
    }
    return loading;
  }

  set(meetingId: string, stage: PlanStage): void {
    this.#stages.set(meetingId, stage);
    this.#news?.publish({ kind: 'plan-stage', meetingId, stage });
  }

  /** True while the plan is agreeing or agreed: its content takes no edits [PLAN3] [PLAN6]. */
  isLocked(meetingId: string): boolean {
    const stage = this.#stages.get(meetingId);
    return stage === 'agreeing' || stage === 'agreed';
  }
}
