import type {
  ScalingMode,
  ScalingQuestion,
  ScalingRoundMessage,
  ScalingRoundView,
  Result,
} from '@kinboard/shared';
import type { LiveMeeting } from './live-meeting.svelte.ts';

/**
 * The meeting's scaling round as this screen may see it. The server builds the view for each
 * screen (a private round holds no one else's number until the reveal), so this only shows
 * what it is sent, and asks again after every (re)entry: a reload keeps the round and your answer.
 */
export class ScalingRound {
  view: ScalingRoundView | null = $state.raw(null);
  /** The server's last refusal, in its plain words. */
  problem: string | undefined = $state();
  readonly #live: LiveMeeting;
  readonly #off: (() => void)[];

  constructor(live: LiveMeeting) {
    this.#live = live;
    this.#off = [
      live.onServerEvent('scaling:round', (message) => {
        this.view = (message as ScalingRoundMessage).round;
      }),
      live.onEntered(() => void this.#refresh()),
      // The chair gave this person another role: whether they may answer may have changed.
      live.onServerEvent('participant:role', () => void this.#refresh()),
    ];
  }

  async #refresh(): Promise<void> {
    const result = await this.#live.send<'scaling:view', ScalingRoundView | null>('scaling:view', {});
    if (result.ok) this.view = result.value;
  }

  #settle<T>(result: Result<T>): Result<T> {
    this.problem = result.ok ? undefined : result.message;
    return result;
  }

  async answer(value: number, reason: string): Promise<boolean> {
    if (!this.view) return false;
    const result = this.#settle(
      await this.#live.send<'scaling:answer', ScalingRoundView>('scaling:answer', {
        roundId: this.view.roundId,
        value,
        reason,
      }),
    );
    if (result.ok) this.view = result.value;
    return result.ok;
  }

  async start(question: ScalingQuestion, mode: ScalingMode): Promise<void> {
    const { id: questionId, text, zeroMeans, tenMeans, tiedTo } = question;
    const result = this.#settle(
      await this.#live.send<'scaling:start', ScalingRoundView>('scaling:start', {
        question: { questionId, text, zeroMeans, tenMeans, tiedTo },
        mode,
      }),
    );
    if (result.ok) this.view = result.value;
  }

  /** The same question again, as a new round (after "what would make it one higher?"). */
  async again(): Promise<void> {
    if (!this.view) return;
    const { questionId, ...rest } = this.view.question;
    await this.start({ id: questionId, ...rest, position: '', createdAt: 0 }, this.view.mode);
  }

  async reveal(): Promise<void> {
    if (!this.view) return;
    const roundId = this.view.roundId;
    const result = this.#settle(
      await this.#live.send<'scaling:reveal', ScalingRoundView>('scaling:reveal', { roundId }),
    );
    if (result.ok) this.view = result.value;
  }

  async close(): Promise<void> {
    if (!this.view) return;
    const roundId = this.view.roundId;
    const result = this.#settle(await this.#live.send<'scaling:close', null>('scaling:close', { roundId }));
    if (result.ok) this.view = null;
  }

  destroy(): void {
    for (const off of this.#off) off();
  }
}
