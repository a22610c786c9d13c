import type { MeetingFocus, MeetingLiveState, MeetingTimerCommand } from '@kinboard/shared';

/**
 * The live state of every running meeting: what the chair decides. Kept in memory for one
 * server; running several servers moves it to Redis behind the same methods.
 */
export class MeetingLiveStates {
  readonly #states = new Map<string, Omit<MeetingLiveState, 'serverNow'>>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  get(meetingId: string): MeetingLiveState {
    return { ...this.#state(meetingId), serverNow: this.#now() };
  }

  focus(meetingId: string, focus: MeetingFocus): MeetingLiveState {
    const state = this.#state(meetingId);
    if (!sameFocus(state.focus, focus)) {
      state.previousFocus = state.focus;
      state.focus = focus;
    }
    return this.get(meetingId);
  }

  undoFocus(meetingId: string): MeetingLiveState {
    const state = this.#state(meetingId);
    if (state.previousFocus) {
      state.focus = state.previousFocus;
      state.previousFocus = null;
    }
    return this.get(meetingId);
  }

  follow(meetingId: string, follow: boolean): MeetingLiveState {
    this.#state(meetingId).follow = follow;
    return this.get(meetingId);
  }

  /** The columns locked now, without making a state for a meeting that has none [ACCESS20]. */
  lockedColumns(meetingId: string): MeetingLiveState['lockedColumns'] {
    return this.#states.get(meetingId)?.lockedColumns ?? [];
  }

  lock(
    meetingId: string,
    column: MeetingLiveState['lockedColumns'][number],
    locked: boolean,
  ): MeetingLiveState {
    const state = this.#state(meetingId);
    const others = state.lockedColumns.filter((other) => other !== column);
    state.lockedColumns = locked ? [...others, column] : others;
    return this.get(meetingId);
  }

  timer(meetingId: string, command: MeetingTimerCommand): MeetingLiveState {
    const { timer } = this.#state(meetingId);
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
    return this.get(meetingId);
  }

  #state(meetingId: string): Omit<MeetingLiveState, 'serverNow'> {
    let state = this.#states.get(meetingId);
    if (!state) {
      state = {
        meetingId,
        follow: true,
        focus: { stepId: null, column: null },
        previousFocus: null,
        lockedColumns: [],
        timer: { durationMs: 0, startedAt: null, remainingMs: 0 },
      };
      this.#states.set(meetingId, state);
    }
    return state;
  }
}

function sameFocus(a: MeetingFocus, b: MeetingFocus): boolean {
  return a.stepId === b.stepId && a.column === b.column;
}
