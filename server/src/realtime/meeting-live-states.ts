import {
  meetingLiveStateSchema,
  type ColumnId,
  type MeetingFocus,
  type MeetingLiveState,
  type MeetingTimerCommand,
} from '@kinboard/shared';
import * as z from 'zod/mini';
import type { MeetingNewsChannel } from '../cluster/meeting-news.ts';
import type { Logger } from '../log.ts';
import type { Store, StoredMeetingLiveState } from '../store/store.ts';

type State = StoredMeetingLiveState;

/** What a saved state must look like to be used; anything else starts the meeting afresh. */
const storedStateSchema = z.omit(meetingLiveStateSchema, { serverNow: true });

/**
 * The live state of every running meeting: what the chair decides [LIVE6]. Written through to the
 * store on every change (the acknowledgement and the broadcast wait for it) and read from it on a
 * meeting's first use, so a restart mid-meeting keeps the focus, follow, locks and a running
 * timer. Changes to one meeting run one at a time, so the state kept is always the last one sent.
 * With several servers, each change starts from the stored state and is announced to the others,
 * which reread it (`MeetingNewsChannel`).
 */
export class MeetingLiveStates {
  readonly #store: Pick<Store, 'getMeetingLiveState' | 'saveMeetingLiveState'>;
  readonly #now: () => number;
  /** Loaded states, for the synchronous lock check; filled by `load`. */
  readonly #states = new Map<string, State>();
  readonly #loading = new Map<string, Promise<State>>();
  /** Per meeting: the change in progress, so the next one starts from its result. */
  readonly #changes = new Map<string, Promise<unknown>>();

  readonly #news: MeetingNewsChannel | undefined;
  readonly #log: Pick<Logger, 'warn'> | undefined;

  constructor(
    store: Pick<Store, 'getMeetingLiveState' | 'saveMeetingLiveState'>,
    now: () => number = Date.now,
    news?: MeetingNewsChannel,
    log?: Pick<Logger, 'warn'>,
  ) {
    this.#store = store;
    this.#now = now;
    this.#news = news;
    this.#log = log;
    const reread = (meetingId: string) =>
      void this.#reread(meetingId).catch(() => {
        // Unreadable now: forget it, so the next use reads the store again.
        this.#states.delete(meetingId);
      });
    news?.on('live-state', ({ meetingId, state }) => {
      if (!this.#states.has(meetingId)) return;
      const parsed = storedStateSchema.safeParse(state);
      if (parsed.success && parsed.data.meetingId === meetingId) this.#states.set(meetingId, parsed.data);
      else reread(meetingId);
    });
    news?.onGap(() => {
      for (const meetingId of [...this.#states.keys()]) reread(meetingId);
    });
  }

  /** Replaces the loaded state with the stored one (another server changed it). */
  async #reread(meetingId: string): Promise<void> {
    const stored = await this.#store.getMeetingLiveState(meetingId);
    const parsed = storedStateSchema.safeParse(stored);
    if (parsed.success && parsed.data.meetingId === meetingId) this.#states.set(meetingId, parsed.data);
  }

  /**
   * Reads the meeting's state from the store if it is not in memory yet. The sync layer awaits
   * this before a connection joins a document, so `lockedColumns` holds from the first update
   * after a restart [ACCESS20].
   */
  async load(meetingId: string): Promise<void> {
    await this.#load(meetingId);
  }

  async get(meetingId: string): Promise<MeetingLiveState> {
    return this.#sent(await this.#load(meetingId));
  }

  /** The state as stored now, whatever this server held (news from other servers was lost). */
  async fresh(meetingId: string): Promise<MeetingLiveState> {
    if (this.#states.has(meetingId)) await this.#reread(meetingId);
    return this.get(meetingId);
  }

  focus(meetingId: string, focus: MeetingFocus): Promise<MeetingLiveState> {
    return this.#change(meetingId, (state) => {
      if (sameFocus(state.focus, focus)) return;
      state.previousFocus = state.focus;
      state.focus = focus;
    });
  }

  undoFocus(meetingId: string): Promise<MeetingLiveState> {
    return this.#change(meetingId, (state) => {
      if (!state.previousFocus) return;
      state.focus = state.previousFocus;
      state.previousFocus = null;
    });
  }

  follow(meetingId: string, follow: boolean): Promise<MeetingLiveState> {
    return this.#change(meetingId, (state) => {
      state.follow = follow;
    });
  }

  /**
   * The columns locked now [ACCESS20]. Synchronous, for the sync layer's check of each update, so
   * the meeting must have been loaded (`load`); asking before is a bug, and throws rather than
   * answering "nothing is locked".
   */
  lockedColumns(meetingId: string): readonly ColumnId[] {
    const state = this.#states.get(meetingId);
    if (!state) throw new Error(`the live state of meeting ${meetingId} was read before it was loaded`);
    return state.lockedColumns;
  }

  lock(meetingId: string, column: ColumnId, locked: boolean): Promise<MeetingLiveState> {
    return this.#change(meetingId, (state) => {
      const others = state.lockedColumns.filter((other) => other !== column);
      state.lockedColumns = locked ? [...others, column] : others;
    });
  }

  /**
   * A running timer is kept as when it started and what was left then, on the server's clock, so
   * after a restart it has kept running; a paused one keeps what was left.
   */
  timer(meetingId: string, command: MeetingTimerCommand): Promise<MeetingLiveState> {
    return this.#change(meetingId, ({ timer }) => {
      const now = this.#now();
      const running = timer.startedAt !== null;
      const left = running ? Math.max(0, timer.remainingMs - (now - timer.startedAt!)) : timer.remainingMs;
      switch (command.action) {
        case 'set':
          Object.assign(timer, {
            durationMs: command.durationMs,
            remainingMs: command.durationMs,
            startedAt: null,
          });
          break;
        case 'start':
          if (!running && left > 0) Object.assign(timer, { remainingMs: left, startedAt: now });
          break;
        case 'pause':
          Object.assign(timer, { remainingMs: left, startedAt: null });
          break;
        case 'reset':
          Object.assign(timer, { remainingMs: timer.durationMs, startedAt: null });
          break;
      }
    });
  }

  /**
   * Applies `change` to a copy of the meeting's state, stores the copy, and only then makes it the
   * state screens are told about: memory never holds what the store does not. A change that
   * changes nothing is not written.
   */
  #change(meetingId: string, change: (state: State) => void): Promise<MeetingLiveState> {
    const run = async (): Promise<MeetingLiveState> => {
      // Another server may have changed it since this one loaded it.
      if (this.#news?.shared && this.#states.has(meetingId)) await this.#reread(meetingId);
      const current = await this.#load(meetingId);
      const next = structuredClone(current);
      change(next);
      if (JSON.stringify(next) !== JSON.stringify(current)) {
        await this.#store.saveMeetingLiveState(next);
        this.#states.set(meetingId, next);
        this.#news?.publish({ kind: 'live-state', meetingId, state: next });
      }
      return this.#sent(this.#states.get(meetingId)!);
    };
    // One at a time per meeting in this process, and across servers under the cluster's lock.
    const news = this.#news;
    const turn = news ? () => news.exclusively(`live-state:${meetingId}`, run) : run;
    const result = (this.#changes.get(meetingId) ?? Promise.resolve()).then(turn);
    const settled = result.catch(() => {});
    this.#changes.set(meetingId, settled);
    void settled.then(() => {
      if (this.#changes.get(meetingId) === settled) this.#changes.delete(meetingId);
    });
    return result;
  }

  #load(meetingId: string): Promise<State> {
    const loaded = this.#states.get(meetingId);
    if (loaded) return Promise.resolve(loaded);
    let loading = this.#loading.get(meetingId);
    if (!loading) {
      loading = this.#store.getMeetingLiveState(meetingId).then((stored) => {
        const parsed = storedStateSchema.safeParse(stored);
        // A state saved by an older schema (or none) starts afresh rather than failing the meeting,
        // said in the log so a lost focus or lock after an upgrade can be explained.
        const usable = parsed.success && parsed.data.meetingId === meetingId;
        if (stored !== undefined && !usable)
          this.#log?.warn(
            { meetingId, fields: parsed.error?.issues.map((issue) => issue.path.join('.')) ?? ['meetingId'] },
            'the stored live state of a meeting could not be read; it starts afresh',
          );
        const state = usable ? parsed.data : fresh(meetingId);
        // A change may have loaded it meanwhile; the first loaded stays.
        if (!this.#states.has(meetingId)) this.#states.set(meetingId, state);
        return this.#states.get(meetingId)!;
      });
      this.#loading.set(meetingId, loading);
      // Loaded or failed, the next caller reads memory or tries the store again.
      void loading.then(
        () => this.#loading.delete(meetingId),
        () => this.#loading.delete(meetingId),
      );
    }
    return loading;
  }

  #sent(state: State): MeetingLiveState {
    return { ...structuredClone(state), serverNow: this.#now() };
  }
}

function fresh(meetingId: string): State {
  return {
    meetingId,
    follow: true,
    focus: { stepId: null, column: null },
    previousFocus: null,
    lockedColumns: [],
    timer: { durationMs: 0, startedAt: null, remainingMs: 0 },
  };
}

function sameFocus(a: MeetingFocus, b: MeetingFocus): boolean {
  return a.stepId === b.stepId && a.column === b.column;
}
