import type {
  ClientEventName,
  ClientEventPayload,
  PlanAgreementCommand,
  PlanStage,
  PlanStatus,
} from '@kinboard/shared';
import type { LiveMeeting } from './live-meeting.svelte.ts';

/**
 * What the server decides about the plan (its stage, answers, offers, versions), as reactive
 * state: asked for after entering the meeting and whenever the server says `plan:changed`.
 */
export class PlanLive {
  status: PlanStatus | undefined = $state.raw();
  /** The last refusal, in the server's plain words. */
  problem: string | undefined = $state();
  readonly #live: LiveMeeting;
  readonly #offs: (() => void)[];

  constructor(live: LiveMeeting) {
    this.#live = live;
    this.#offs = [
      live.onEntered(() => void this.refresh()),
      live.onServerEvent('plan:changed', () => void this.refresh()),
    ];
  }

  get stage(): PlanStage {
    return this.status?.stage ?? 'drafting';
  }

  /** The plan takes no edits while it is agreed or being agreed; the server refuses them too. */
  get locked(): boolean {
    return this.stage !== 'drafting';
  }

  async #send<E extends Exclude<ClientEventName, 'meeting:enter'>>(
    event: E,
    payload: ClientEventPayload<E>,
  ): Promise<boolean> {
    const result = await this.#live.send<E, PlanStatus>(event, payload);
    this.problem = result.ok ? undefined : result.message;
    if (result.ok) this.status = result.value;
    return result.ok;
  }

  refresh(): Promise<boolean> {
    return this.#send('plan:status', {});
  }
  offer(ruleId: string): Promise<boolean> {
    return this.#send('plan:offer', { ruleId });
  }
  decide(offerId: string, confirm: boolean): Promise<boolean> {
    return this.#send('plan:offer-decision', { offerId, confirm });
  }
  /** `reason`: why the meeting agrees without an essential the plan lacks [PLAN9]. */
  agreement(action: PlanAgreementCommand['action'], reason?: string): Promise<boolean> {
    return this.#send('plan:agreement', reason ? { action, reason } : { action });
  }
  answer(agrees: boolean, reason?: string): Promise<boolean> {
    return this.#send('plan:answer', agrees ? { agrees } : { agrees, reason: reason ?? '' });
  }

  destroy(): void {
    for (const off of this.#offs) off();
  }
}
